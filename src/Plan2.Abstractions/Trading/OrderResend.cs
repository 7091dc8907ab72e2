using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Plan2.Abstractions.Trading;

/// <summary>
/// Places an order so that a dead or hung silo costs the caller seconds, not a response timeout: placing is
/// idempotent by client order id, so when an attempt fails on the way, or has had no answer within
/// <see cref="FirstResendAfter"/> (later <see cref="ResendAfter"/>), the same order is sent again (the slower attempt may still answer first). The
/// answer to a resend of our own is not reported as a Duplicate: the caller sent the order once.
/// </summary>
public static class OrderResend
{
    /// <summary>An order normally answers in milliseconds; no answer after this means a lost or hung path.</summary>
    public static readonly TimeSpan ResendAfter = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The first resend goes sooner: an order lost with a killed gateway otherwise waited a whole second after the cluster
    /// had recovered (declaring a killed silo dead takes well under 1 s); later ones every <see cref="ResendAfter"/>, so a
    /// slow but alive cluster is not sent each order many times over.
    /// </summary>
    public static readonly TimeSpan FirstResendAfter = TimeSpan.FromMilliseconds(500);

    /// <summary>After this long without an answer the last failure is thrown.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Sends in flight at once: one a second for a client's 10 s response timeout, so attempts stuck in a hung
    /// gateway never use up the room for the resend that takes a live one (with 4, a hang cost 21 s, not 9).
    /// </summary>
    private const int MaxInFlight = 10;

    /// <summary>Set while the sends of one placement are made: <see cref="OrderResendFilter"/> lets them through as they are.</summary>
    private static readonly AsyncLocal<bool> Sending = new();

    internal static bool IsSending => Sending.Value;

    public static async Task<OrderOutcome> PlaceWithResendsAsync(this IAccountGrain account, PlaceOrder order, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        Sending.Value = true; // flows into the sends started below, and ends with this method
        var deadline = DateTime.UtcNow + GiveUpAfter;
        var inFlight = new List<Task<OrderOutcome>> { account.PlaceOrderAsync(order) };
        var sends = 1;
        Exception? last = null;
        while (true)
        {
            var wait = Task.Delay(sends == 1 ? FirstResendAfter : ResendAfter, ct);
            var done = await Task.WhenAny(inFlight.Cast<Task>().Append(wait));
            if (done is Task<OrderOutcome> attempt)
            {
                inFlight.Remove(attempt);
                try
                {
                    var outcome = await attempt;
                    return sends > 1 && outcome.Duplicate ? outcome with { Duplicate = false } : outcome;
                }
                catch (Exception e) when (IsTransient(e))
                {
                    last = e;
                    await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
                }
            }
            ct.ThrowIfCancellationRequested();
            if (DateTime.UtcNow > deadline)
                throw last ?? new TimeoutException($"Order {order.ClientOrderId} got no answer within {GiveUpAfter.TotalSeconds:0} s.");
            if (inFlight.Count < MaxInFlight)
            {
                inFlight.Add(account.PlaceOrderAsync(order));
                sends++;
            }
        }
    }

    /// <summary>Failures of the path, not of the order: the silo or gateway went away or did not answer in time.</summary>
    public static bool IsTransient(Exception e) =>
        e is TimeoutException or OrleansMessageRejectionException or GatewayTooBusyException or ConnectionFailedException;
}
