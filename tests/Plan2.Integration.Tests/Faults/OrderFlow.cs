using System.Collections.Concurrent;
using System.Diagnostics;
using Plan2.Abstractions.Trading;

namespace Plan2.Integration.Tests.Faults;

/// <summary>
/// A trader's steady stream of paper market orders: one loop per account places an order every
/// <paramref name="interval"/> the way the web and the API place one (<see cref="OrderResend"/>: resent
/// under the same client order id while unanswered), and sends it again should that give up. The only grain
/// call is in <see cref="PlaceOnceAsync"/>, so the SDK can take its place.
/// </summary>
public sealed class OrderFlow(IGrainFactory grains, string tenant, IReadOnlyList<string> accounts, TimeSpan interval)
{
    private static readonly Actor Trader = Actor.User("fault-test");
    private readonly ConcurrentQueue<Acknowledgement> _acknowledged = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>One acknowledged order: when it was first sent and answered (seconds on the flow's clock), and how many sends it took.</summary>
    public sealed record Acknowledgement(string AccountId, OrderView Order, bool Duplicate, double SentAt, double AckedAt, int Attempts);

    public IReadOnlyCollection<Acknowledgement> Acknowledged => _acknowledged;

    /// <summary>What each failed send threw ("TimeoutException: …"), for the report.</summary>
    public IReadOnlyCollection<string> Errors => _errors;

    /// <summary>Seconds on the flow's clock now, to mark when a fault was injected.</summary>
    public double Now => _clock.Elapsed.TotalSeconds;

    /// <summary>Runs until <paramref name="stop"/>; an order already sent is resent until answered even after stop, so none is left half-known.</summary>
    public Task RunAsync(CancellationToken stop) => Task.WhenAll(accounts.Select(account => Task.Run(() => RunAccountAsync(account, stop))));

    private async Task RunAccountAsync(string account, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var next = Now + interval.TotalSeconds;
            var side = n % 3 == 2 ? TradeSide.Sell : TradeSide.Buy;
            await PlaceUntilAcknowledgedAsync(account, new PlaceOrder($"f{n}", "EURUSD", side, 0.01m, Trader));
            var wait = next - Now;
            if (wait > 0)
                await Task.Delay(TimeSpan.FromSeconds(wait), CancellationToken.None);
        }
    }

    private async Task PlaceUntilAcknowledgedAsync(string account, PlaceOrder order)
    {
        var sentAt = Now;
        for (var attempt = 1; ; attempt++)
        {
            OrderOutcome outcome;
            try
            {
                outcome = await PlaceOnceAsync(account, order);
            }
            catch (Exception e) when (attempt < MaxAttempts)
            {
                _errors.Enqueue($"{e.GetType().Name}: {e.Message.Split('\n')[0]}");
                await Task.Delay(50);
                continue;
            }
            var view = outcome.Order ?? throw new InvalidOperationException($"Order {order.ClientOrderId} refused without an order: {outcome.Message}");
            _acknowledged.Enqueue(new Acknowledgement(account, view, outcome.Duplicate, sentAt, Now, attempt));
            return;
        }
    }

    /// <summary>Each attempt resends for up to OrderResend.GiveUpAfter: far beyond any recovery the tests allow.</summary>
    private const int MaxAttempts = 5;

    private Task<OrderOutcome> PlaceOnceAsync(string account, PlaceOrder order) =>
        grains.GetGrain<IAccountGrain>($"{tenant}/{account}").PlaceWithResendsAsync(order);
}
