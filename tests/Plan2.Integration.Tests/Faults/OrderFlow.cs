using System.Collections.Concurrent;
using System.Diagnostics;
using Plan2.Abstractions.Trading;

namespace Plan2.Integration.Tests.Faults;

/// <summary>
/// A trader's steady stream of paper market orders: one loop per account places an order every
/// <paramref name="interval"/> with one plain placement call, <paramref name="place"/> (a gateway client's, whose
/// <see cref="OrderResendFilter"/> resends it under the same client order id while unanswered), and sends it
/// again should that give up, up to <paramref name="maxAttempts"/> times in all.
/// </summary>
public sealed class OrderFlow(Func<string, PlaceOrder, Task<OrderOutcome>> place, IReadOnlyList<string> accounts, TimeSpan interval, int maxAttempts = 5)
{
    /// <summary>Placement through an Orleans client built as the web's: tenant/account grain keys.</summary>
    public static Func<string, PlaceOrder, Task<OrderOutcome>> ThroughClient(IGrainFactory grains, string tenant) =>
        (account, order) => grains.GetGrain<IAccountGrain>($"{tenant}/{account}").PlaceOrderAsync(order);

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
                outcome = await place(account, order);
            }
            catch (Exception e) when (attempt < maxAttempts)
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
}
