using Plan2.Core.Features;
using Plan2.Core.Indicators;
using Plan2.Core.MarketData;

namespace Plan2.Ml.Serving;

/// <summary>The latest feature rows, oldest first, as sequence models read them (and the newest for tree models).</summary>
public sealed class FeatureWindow
{
    private readonly FeatureBuilder _features = new();
    private readonly float[] _row = new float[FeatureSchema.Count];
    private readonly float[] _history;

    public FeatureWindow(int steps) => _history = new float[steps * FeatureSchema.Count];

    public int Steps => _history.Length / FeatureSchema.Count;
    public long Bars => _features.Bars;
    public bool IsReady => _features.IsReady;

    /// <summary>The newest row.</summary>
    public ReadOnlySpan<float> Latest => _row;

    public void Add(in Candle bar, in IndicatorValues readings)
    {
        _features.Update(bar, readings, _row);
        Array.Copy(_history, FeatureSchema.Count, _history, 0, _history.Length - FeatureSchema.Count);
        _row.CopyTo(_history, _history.Length - FeatureSchema.Count);
    }

    /// <summary>The last <paramref name="steps"/> rows, flattened, without a copy (valid until the next <see cref="Add"/>).</summary>
    public ReadOnlySpan<float> Tail(int steps) => _history.AsSpan(_history.Length - steps * FeatureSchema.Count);

    /// <summary>A copy of the last <paramref name="steps"/> rows, flattened.</summary>
    public float[] Last(int steps)
    {
        var rows = new float[steps * FeatureSchema.Count];
        Array.Copy(_history, _history.Length - rows.Length, rows, 0, rows.Length);
        return rows;
    }
}
