using System.Diagnostics;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;
using Plan2.Grains.Predictions;
using Plan2.Hosting.Predictions;

namespace Plan2.Cli.Bench;

/// <summary>
/// The decision bench's view of predictions as the PredictorGrain hands them on (the moment the prediction is also readable by
/// clients): the time each was published, stamped inside the silo, then passed to the platform's own publisher unchanged. The
/// bench waits on it instead of polling the grain: polls were calls into the same grain (queued behind its turn, allocating
/// ~30 KB a decision, on the same two cores), so they measured themselves as much as the decision.
/// </summary>
internal sealed class PublishedPredictions(PredictionPublisher inner) : IPredictionPublisher
{
    private readonly SemaphoreSlim _published = new(0);
    private long _barTimeMs = long.MinValue, _at;

    public void Publish(string key, PredictionView prediction, BarView bar)
    {
        Volatile.Write(ref _at, Stopwatch.GetTimestamp());
        Volatile.Write(ref _barTimeMs, prediction.BarTimeUnixMs);
        _published.Release();
        inner.Publish(key, prediction, bar);
    }

    /// <summary>When the prediction for the bar at <paramref name="barTimeMs"/> was published (a Stopwatch timestamp).</summary>
    public async Task<long> WaitForAsync(long barTimeMs, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 5;
        while (Volatile.Read(ref _barTimeMs) != barTimeMs)
            if (!await _published.WaitAsync(TimeSpan.FromSeconds(1), ct) && Stopwatch.GetTimestamp() > deadline)
                throw new InvalidOperationException($"No prediction for the bar at {barTimeMs} within 5 s.");
        var at = Volatile.Read(ref _at);
        while (_published.CurrentCount > 0) // releases of the predictions waited for before: drained
            await _published.WaitAsync(ct);
        return at;
    }
}
