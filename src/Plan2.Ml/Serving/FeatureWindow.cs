using Plan2.Core.Features;
using Plan2.Core.Indicators;
using Plan2.Core.MarketData;

namespace Plan2.Ml.Serving;

/// <summary>
/// The latest feature rows, oldest first, as sequence models read them (and the newest for tree models).
/// A ring of twice <see cref="Steps"/> rows with each row written at its slot and again one ring length on, so the last
/// rows are always one contiguous span: a bar writes two rows instead of shifting the whole window (64 rows) down by one.
/// </summary>
public sealed class FeatureWindow
{
    private static readonly int Width = FeatureSchema.Count;
    private readonly FeatureBuilder _features = new();
    private readonly float[] _ring;
    private readonly int _steps;
    private int _next; // slot the next row goes to, 0 … steps-1

    public FeatureWindow(int steps)
    {
        _steps = steps;
        _ring = new float[2 * steps * Width]; // zeros until filled, as the rows before the first bar
    }

    public int Steps => _steps;
    public long Bars => _features.Bars;
    public bool IsReady => _features.IsReady;

    /// <summary>The newest row.</summary>
    public ReadOnlySpan<float> Latest => _ring.AsSpan((_next + _steps - 1) * Width, Width);

    public void Add(in Candle bar, in IndicatorValues readings)
    {
        var row = _ring.AsSpan(_next * Width, Width);
        _features.Update(bar, readings, row);
        row.CopyTo(_ring.AsSpan((_next + _steps) * Width, Width));
        _next = _next + 1 == _steps ? 0 : _next + 1;
    }

    /// <summary>The last <paramref name="steps"/> rows, flattened, without a copy (valid until the next <see cref="Add"/>).</summary>
    public ReadOnlySpan<float> Tail(int steps)
    {
        if ((uint)steps > (uint)_steps)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"The window keeps {_steps} rows.");
        return _ring.AsSpan((_next + _steps - steps) * Width, steps * Width);
    }

    /// <summary>A copy of the last <paramref name="steps"/> rows, flattened.</summary>
    public float[] Last(int steps) => Tail(steps).ToArray();
}
