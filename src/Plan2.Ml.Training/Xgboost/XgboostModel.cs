namespace Plan2.Ml.Training.Xgboost;

/// <summary>
/// A trained libxgboost booster (already cut to its best round). Not thread-safe: libxgboost reuses one
/// prediction buffer per booster.
/// </summary>
public sealed class XgboostModel : IDisposable
{
    private readonly BoosterHandle booster;

    internal XgboostModel(BoosterHandle booster, int features, int rounds, int roundsTrained, double validationLogLoss)
    {
        this.booster = booster;
        Features = features;
        Rounds = rounds;
        RoundsTrained = roundsTrained;
        ValidationLogLoss = validationLogLoss;
    }

    public int Features { get; }

    /// <summary>Rounds (trees) kept: the best validation round.</summary>
    public int Rounds { get; }

    /// <summary>Rounds boosted before early stopping (or the maximum) ended training.</summary>
    public int RoundsTrained { get; }

    /// <summary>Validation log loss of the kept model, in nats.</summary>
    public double ValidationLogLoss { get; }

    /// <summary>P(up) per row from libxgboost itself (the reference the ONNX export is tested against).</summary>
    public float[] PredictNative(TabularData data)
    {
        TabularChecks.Validate(data, nameof(data), requireLabels: false);
        if (data.Features != Features)
            throw new ArgumentException($"data has {data.Features} features but the model was trained on {Features}.", nameof(data));
        using var matrix = DMatrixHandle.FromData(data, withLabels: false);
        return booster.Predict(matrix);
    }

    /// <summary>libxgboost's JSON model (trees, base score, parameters).</summary>
    public byte[] ToJson() => booster.SaveJson();

    /// <summary>
    /// ONNX model: input "features" float [N, Features] (NaN = missing), output "p_up" float [N, 1].
    /// </summary>
    public byte[] ToOnnx() => XgboostOnnxExporter.Export(ToJson());

    public void Dispose() => booster.Dispose();
}
