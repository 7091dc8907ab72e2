using System.Diagnostics;
using Plan2.Core.MarketData;

namespace Plan2.MarketData.Replay;

/// <summary>
/// Plays a source as a live feed: every symbol on its own clock at <c>speed</c> × real time (60 =
/// one minute of history a second), silences longer than <see cref="MaxPacedGapMs"/> (nights,
/// weekends) skipped, and the history looped forever with times shifted by whole weeks so that ticks
/// keep increasing and times of day and weekdays stay true. Ticks go out in small batches.
/// </summary>
public sealed class ReplayRunner(IReplaySource source, double speed, Func<string, Tick[], CancellationToken, ValueTask> publish)
{
    public const long MaxPacedGapMs = 60_000;
    private const int MaxBatch = 1_000;
    private const long WeekMs = 7 * 86_400_000L;
    private long _published;

    public long TicksPublished => Interlocked.Read(ref _published);

    public Task RunAsync(CancellationToken ct) => Task.WhenAll(source.Symbols.Select(s => Task.Run(() => RunSymbolAsync(s, ct), ct)));

    private async Task RunSymbolAsync(string symbol, CancellationToken ct)
    {
        long shift = 0;
        var batch = new List<Tick>(MaxBatch);
        while (!ct.IsCancellationRequested)
        {
            var wall = Stopwatch.StartNew();
            double pacedMs = 0;
            long? first = null, previous = null;
            await foreach (var tick in source.ReadAsync(symbol, ct))
            {
                first ??= tick.TimeMs;
                if (previous is { } p)
                    pacedMs += Math.Min(Math.Max(tick.TimeMs - p, 0), MaxPacedGapMs);
                previous = tick.TimeMs;
                var waitMs = pacedMs / speed - wall.Elapsed.TotalMilliseconds;
                if (waitMs > 1)
                {
                    await FlushAsync(symbol, batch, ct);
                    await Task.Delay(TimeSpan.FromMilliseconds(waitMs), ct);
                }
                batch.Add(tick with { TimeMs = tick.TimeMs + shift });
                if (batch.Count == MaxBatch)
                    await FlushAsync(symbol, batch, ct);
            }
            await FlushAsync(symbol, batch, ct);
            if (first is null)
                return; // nothing to replay for this symbol
            shift += ((previous!.Value - first.Value) / WeekMs + 1) * WeekMs;
        }
    }

    private async ValueTask FlushAsync(string symbol, List<Tick> batch, CancellationToken ct)
    {
        if (batch.Count == 0) return;
        var ticks = batch.ToArray();
        batch.Clear();
        await publish(symbol, ticks, ct);
        Interlocked.Add(ref _published, ticks.Length);
    }
}
