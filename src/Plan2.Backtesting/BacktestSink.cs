using System.Diagnostics;
using Plan2.Core.Backtesting;
using Plan2.Core.MarketData;
using Plan2.MarketData.Import;
using Plan2.MarketData.Replay;

namespace Plan2.Backtesting;

/// <summary>
/// Feeds an import into a backtester built on the first price (which fixes the instrument's digits).
/// Tick files go in as they are; M1 bars become the four ticks the replay makes of them
/// (<see cref="BarTicks"/>) with the run's stated spread. Times only the backtester's own work.
/// </summary>
public sealed class BacktestSink(Func<Price, (Backtester Backtester, Price Spread)> start) : IImportSink
{
    private readonly Tick[] _barTicks = new Tick[4];
    private Price _spread;
    private long _elapsedTicks;

    public Backtester? Backtester { get; private set; }
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(0, _elapsedTicks);

    public ValueTask TicksAsync(ReadOnlyMemory<Tick> ticks, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var span = ticks.Span;
        if (span.Length == 0) return ValueTask.CompletedTask;
        var run = Backtester ?? Start(span[0].Bid);
        var t0 = Stopwatch.GetTimestamp();
        foreach (ref readonly var tick in span)
            run.OnTick(tick);
        _elapsedTicks += Stopwatch.GetTimestamp() - t0;
        return ValueTask.CompletedTask;
    }

    public ValueTask BarsAsync(ReadOnlyMemory<Candle> bars, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var span = bars.Span;
        if (span.Length == 0) return ValueTask.CompletedTask;
        var run = Backtester ?? Start(span[0].Open);
        var t0 = Stopwatch.GetTimestamp();
        foreach (ref readonly var bar in span)
        {
            var n = BarTicks.Synthesize(bar, _spread, _barTicks);
            for (var i = 0; i < n; i++)
                run.OnTick(_barTicks[i]);
        }
        _elapsedTicks += Stopwatch.GetTimestamp() - t0;
        return ValueTask.CompletedTask;
    }

    public ValueTask CompleteAsync(CancellationToken ct)
    {
        var t0 = Stopwatch.GetTimestamp();
        Backtester?.Finish(); // trades the last block of history too
        _elapsedTicks += Stopwatch.GetTimestamp() - t0;
        return ValueTask.CompletedTask;
    }

    private Backtester Start(Price first)
    {
        (Backtester, _spread) = start(first);
        return Backtester;
    }
}
