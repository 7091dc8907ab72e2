using Plan2.Abstractions.MarketData;

namespace Plan2.Web.Services;

/// <summary>
/// The last <see cref="Capacity"/> mid prices of one symbol, at most one per <see cref="Spacing"/> of
/// feed time, so a fast feed (replay at 60×) and a quiet one both draw a readable line.
/// </summary>
public sealed class Sparkline
{
    public const int Capacity = 60;
    public static readonly TimeSpan Spacing = TimeSpan.FromSeconds(10);
    private readonly List<decimal> _points = new(Capacity + 1);
    private readonly Lock _gate = new();
    private long _lastMs = long.MinValue;

    public void Add(QuoteView quote)
    {
        lock (_gate)
        {
            var mid = (quote.Bid + quote.Ask) / 2m;
            if (_points.Count > 0 && quote.TimeUnixMs - _lastMs < Spacing.TotalMilliseconds)
            {
                _points[^1] = mid; // within the spacing the newest point follows the price: the line ends at the last quote
                return;
            }
            _points.Add(mid);
            _lastMs = quote.TimeUnixMs;
            if (_points.Count > Capacity) _points.RemoveAt(0);
        }
    }

    public IReadOnlyList<decimal> Points()
    {
        lock (_gate) return [.. _points];
    }

    /// <summary>An SVG polyline's points scaled to width × height (y down), empty with fewer than two points.</summary>
    public static string SvgPoints(IReadOnlyList<decimal> points, int width, int height)
    {
        if (points.Count < 2)
            return "";
        var min = points.Min();
        var range = points.Max() - min;
        var step = (double)width / (points.Count - 1);
        return string.Join(' ', points.Select((p, i) =>
        {
            var y = range == 0m ? height / 2.0 : height - (double)((p - min) / range) * height;
            return FormattableString.Invariant($"{i * step:0.#},{y:0.#}");
        }));
    }
}
