using Plan2.Abstractions.MarketData;

namespace Plan2.Integration.Tests.Faults;

/// <summary>
/// A feed for the paper broker: a EURUSD quote every <paramref name="interval"/> straight to the instrument
/// grain, stored like a terminal's. A batch lost to a fault is simply followed by the next one, as with a real feed.
/// </summary>
public sealed class QuoteSource(IGrainFactory grains, TimeSpan interval)
{
    public int Published { get; private set; }

    public async Task RunAsync(CancellationToken stop)
    {
        var (random, mid, last) = (new Random(23), 1.10000, 0L);
        while (!stop.IsCancellationRequested)
        {
            var now = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), last + 1);
            mid = Math.Round(mid + (random.NextDouble() - 0.5) * 0.0002, 5);
            try
            {
                // Not held up by one lost batch: a feed keeps its pace and the next batch takes the next path.
                await grains.GetGrain<IInstrumentGrain>("EURUSD").PublishTicksAsync(
                    new TickBatch("EURUSD", now, [now], [mid], [Math.Round(mid + 0.0001, 5)])).WaitAsync(4 * interval, stop);
                (last, Published) = (now, Published + 1);
            }
            catch (Exception)
            {
                // The instrument's silo is down or unreachable: the next quote goes to its new activation.
            }
            try { await Task.Delay(interval, stop); } catch (OperationCanceledException) { }
        }
    }
}
