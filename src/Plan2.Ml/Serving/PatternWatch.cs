using Plan2.Core.MarketData;
using Plan2.Core.Patterns;

namespace Plan2.Ml.Serving;

/// <summary>The candlestick patterns each bar completes, with their reliability measured on this instrument's earlier bars only.</summary>
public sealed class PatternWatch(int horizon)
{
    private readonly PatternDetector _detector = new();
    private readonly PatternReliability _reliability = new(horizon);
    private readonly PatternHit[] _hits = new PatternHit[PatternDetector.MaxHitsPerBar];

    public PatternSignal[] OnBar(in Candle bar)
    {
        var found = _detector.OnBar(bar, _hits);
        var signals = new PatternSignal[found];
        for (var i = 0; i < found; i++)
            signals[i] = _reliability.Signal(_hits[i]); // before this bar's outcome is known
        _reliability.OnBar(bar, _hits.AsSpan(0, found));
        return signals;
    }

    /// <summary>Takes the bar as <see cref="OnBar"/> does, without building its signals (a backtest reads none).</summary>
    public void Observe(in Candle bar)
    {
        var found = _detector.OnBar(bar, _hits);
        _reliability.OnBar(bar, _hits.AsSpan(0, found));
    }
}
