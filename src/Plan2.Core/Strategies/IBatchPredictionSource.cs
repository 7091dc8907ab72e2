using Plan2.Core.MarketData;

namespace Plan2.Core.Strategies;

/// <summary>
/// A prediction source that can score bars before they are traded. The backtester knows which bars a
/// stretch of history closes before it trades that stretch, so it hands them over first; the models then
/// score many bars per call instead of one. <see cref="IPredictionSource.OnBar"/> still comes bar by bar,
/// in order, and must answer exactly what it would have without <see cref="Prepare"/>: a bar's prediction
/// uses only bars up to its own close, as live.
/// </summary>
public interface IBatchPredictionSource : IPredictionSource
{
    /// <summary>Bars <see cref="IPredictionSource.OnBar"/> will be given later, in the same order: each call hands over
    /// the bars that follow those of the call before (a source may start scoring them at once, in the background).</summary>
    void Prepare(ReadOnlySpan<BarClose> bars);
}
