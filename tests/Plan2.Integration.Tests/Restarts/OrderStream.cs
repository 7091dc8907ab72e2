using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;

namespace Plan2.Integration.Tests.Restarts;

/// <summary>
/// Paper orders placed at a steady rate through a client, alternating buy and sell of 0.1 lots: every
/// acknowledged order kept, every failure kept with its exception, for checks after a store restart.
/// </summary>
internal sealed class OrderStream(IGrainFactory grains, string tenant)
{
    private static readonly Actor Alice = Actor.User("alice");
    private readonly List<OrderView> _acknowledged = [];
    private readonly List<Exception> _failures = [];
    private readonly Lock _gate = new();
    private int _next;

    public IAccountGrain Account => grains.GetGrain<IAccountGrain>($"{tenant}/acc-1");
    public List<OrderView> Acknowledged { get { lock (_gate) return [.. _acknowledged]; } }
    public List<Exception> Failures { get { lock (_gate) return [.. _failures]; } }

    public async Task OpenAsync()
    {
        await grains.GetGrain<ITenantGrain>(tenant).CreateAsync(new CreateTenant("Restarts", "alice"));
        await Account.OpenAsync(new OpenAccount("USD", PositionMode.Netting, 50_000m, Alice));
        await QuoteAsync();
    }

    /// <summary>A fresh quote, so risk never refuses for a stale one however long the store stays down.</summary>
    private Task QuoteAsync()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return grains.GetGrain<IInstrumentGrain>("EURUSD").PublishTicksAsync(new TickBatch("EURUSD", now, [now], [1.10000], [1.10010], Record: false));
    }

    /// <summary>One order every <paramref name="every"/> until cancelled; each call waits for its answer.</summary>
    public async Task RunAsync(TimeSpan every, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var n = Interlocked.Increment(ref _next);
            try
            {
                if (n % 10 == 0)
                    await QuoteAsync();
                var outcome = await Account.PlaceOrderAsync(new PlaceOrder($"o{n}", "EURUSD", n % 2 == 0 ? TradeSide.Sell : TradeSide.Buy, 0.1m, Alice));
                lock (_gate) _acknowledged.Add(outcome.Order ?? throw new InvalidOperationException($"o{n} refused: {outcome.Message}"));
            }
            catch (Exception e) when (e is not InvalidOperationException)
            {
                lock (_gate) _failures.Add(e);
            }
            try { await Task.Delay(every, stop); } catch (OperationCanceledException) { }
        }
    }

    /// <summary>Waits until <paramref name="count"/> more orders are acknowledged than now.</summary>
    public async Task WaitForAcknowledgedAsync(int count, TimeSpan timeout)
    {
        var target = Acknowledged.Count + count;
        var deadline = DateTime.UtcNow + timeout;
        while (Acknowledged.Count < target)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Only {Acknowledged.Count} of {target} orders acknowledged; failures: {string.Join(" | ", Failures.TakeLast(3).Select(f => f.Message))}");
            await Task.Delay(100);
        }
    }

    public async Task WaitForFailureAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var before = Failures.Count;
        while (Failures.Count == before)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("No order failed while the store was down.");
            await Task.Delay(100);
        }
    }
}
