using Plan2.Ml.Training.Lstm;

namespace Plan2.Ml.Training.Transformer;

/// <summary>A trained <see cref="TransformerNetwork"/> with the feature scaling it was trained with.</summary>
public sealed class TransformerModel
{
    private readonly float[] _mean, _invStd;

    public TransformerModel(TransformerNetwork network, int steps, float[] featureMean, float[] featureInvStd,
        IReadOnlyList<LstmEpoch>? history = null, int bestEpoch = 0)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (steps <= 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, "A window needs at least one step.");
        if (featureMean.Length != network.Features || featureInvStd.Length != network.Features)
            throw new ArgumentException($"Scaling has {featureMean.Length} means and {featureInvStd.Length} scales for {network.Features} features.");
        Network = network;
        Steps = steps;
        _mean = featureMean.ToArray();
        _invStd = featureInvStd.ToArray();
        History = history ?? [];
        BestEpoch = bestEpoch;
    }

    public TransformerNetwork Network { get; }
    public int Steps { get; }
    public int Features => Network.Features;
    public IReadOnlyList<float> FeatureMean => _mean;
    public IReadOnlyList<float> FeatureInvStd => _invStd;
    public IReadOnlyList<LstmEpoch> History { get; }
    public int BestEpoch { get; }

    /// <summary>P(up) for each raw window (scaled here as in training; NaN → 0).</summary>
    public float[] Predict(SequenceData data)
    {
        LstmData.Check(data, nameof(data), needLabels: false);
        if (data.Steps != Steps || data.Features != Features)
            throw new ArgumentException($"data: windows are {data.Steps} x {data.Features}; the model takes {Steps} x {Features}.", nameof(data));
        var logits = new SequenceBatchRunner<TransformerWorkspace>(Network, Steps, _mean, _invStd, Environment.ProcessorCount).Logits(data);
        var p = new float[logits.Length];
        for (int i = 0; i < p.Length; i++) p[i] = (float)VectorMath.Sigmoid(logits[i]);
        return p;
    }

    /// <summary>ONNX (opset 17): input <c>window</c> float [N, Steps, Features], output <c>p_up</c> float [N, 1].</summary>
    public byte[] ToOnnx() => TransformerOnnxExport.Build(this, _mean, _invStd);
}
