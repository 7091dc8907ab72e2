using Plan2.Core.MarketData;
using Plan2.MarketData.Import;

namespace Plan2.Backtesting;

/// <summary>Passes on only the ticks and bars with from ≤ time &lt; to: a slice of a long history file.</summary>
internal sealed class WindowSink(IImportSink inner, long fromMs, long toMs) : IImportSink
{
    public ValueTask TicksAsync(ReadOnlyMemory<Tick> ticks, CancellationToken ct)
    {
        var inside = ticks.Span.ToArray().Where(t => t.TimeMs >= fromMs && t.TimeMs < toMs).ToArray();
        return inside.Length == 0 ? ValueTask.CompletedTask : inner.TicksAsync(inside, ct);
    }

    public ValueTask BarsAsync(ReadOnlyMemory<Candle> bars, CancellationToken ct)
    {
        var inside = bars.Span.ToArray().Where(b => b.OpenTimeMs >= fromMs && b.OpenTimeMs < toMs).ToArray();
        return inside.Length == 0 ? ValueTask.CompletedTask : inner.BarsAsync(inside, ct);
    }

    public ValueTask CompleteAsync(CancellationToken ct) => inner.CompleteAsync(ct);
}
