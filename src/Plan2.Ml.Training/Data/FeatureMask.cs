using Plan2.Core.Features;

namespace Plan2.Ml.Training.Data;

/// <summary>
/// Features a member is not allowed to learn from: their columns are set to 0 in its training rows, so a
/// tree never splits on them (its ONNX input keeps every column of the schema, serving is unchanged). The
/// tree members leave out the features whose scale is the instrument's volatility rather than a ratio to
/// it (raw log returns, Bollinger width, ATR and realised volatility relative to price): a threshold learnt
/// on EURUSD 2017 on those means something else on a calmer or wilder instrument or year.
/// </summary>
public sealed class FeatureMask
{
    public static readonly FeatureMask None = new([]);

    public static readonly FeatureMask VolatilityScaled = new(["ret_1", "ret_5", "ret_15", "ret_60", "bb_width", "atr14_rel", "realized_vol_20"]);

    private readonly int[] _columns;

    public FeatureMask(IReadOnlyList<string> names)
    {
        Names = names;
        _columns = [.. names.Select(n => FeatureSchema.Names.ToList().IndexOf(n) is var i && i >= 0 ? i : throw new ArgumentException($"No feature '{n}'.", nameof(names)))];
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>The masked columns of the feature schema.</summary>
    public IReadOnlyList<int> Columns => Array.AsReadOnly(_columns);

    /// <summary>The table with the masked columns set to 0 (a copy; the input is left alone).</summary>
    public TabularData Apply(TabularData table)
    {
        if (_columns.Length == 0) return table;
        var x = (float[])table.X.Clone();
        for (var i = 0; i < table.Rows; i++)
            foreach (var c in _columns)
                x[i * table.Features + c] = 0f;
        return table with { X = x };
    }

    public string Describe() => _columns.Length == 0 ? "all" : $"all but {string.Join(", ", Names)}";
}
