namespace Plan2.Ml.Training.Lstm;

/// <summary>
/// A trained sequence network (LSTM, Transformer) with the feature scaling it was trained with: what
/// both keep and how both predict; each kind adds only its ONNX export.
/// </summary>
public abstract class SequenceModel<TNetwork, TWorkspace>
    where TNetwork : ISequenceNetwork<TWorkspace>
    where TWorkspace : ISequenceWorkspace
{
    private readonly float[] _mean, _invStd;

    /// <param name="featureMean">Subtracted from each feature before the network.</param>
    /// <param name="featureInvStd">Multiplies each centred feature; NaN after scaling becomes 0.</param>
    protected SequenceModel(TNetwork network, int steps, float[] featureMean, float[] featureInvStd,
        IReadOnlyList<LstmEpoch>? history, int bestEpoch)
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

    public TNetwork Network { get; }
    public int Steps { get; }
    public int Features => Network.Features;
    public IReadOnlyList<float> FeatureMean => _mean;
    public IReadOnlyList<float> FeatureInvStd => _invStd;
    /// <summary>Every epoch run, including those after the best one (empty for a model not from the trainer).</summary>
    public IReadOnlyList<LstmEpoch> History { get; }
    /// <summary>The 1-based epoch whose weights this model holds (0 when not from the trainer).</summary>
    public int BestEpoch { get; }

    protected float[] Mean => _mean;
    protected float[] InvStd => _invStd;

    /// <summary>P(up) for each raw window (scaled here as in training; NaN → 0); <see cref="SequenceData.Y"/> is ignored.</summary>
    public float[] Predict(SequenceData data)
    {
        LstmData.Check(data, nameof(data), needLabels: false);
        if (data.Steps != Steps || data.Features != Features)
            throw new ArgumentException($"data: windows are {data.Steps} steps x {data.Features} features; the model takes {Steps} x {Features}.", nameof(data));
        var logits = new SequenceBatchRunner<TWorkspace>(Network, Steps, _mean, _invStd, Environment.ProcessorCount).Logits(data);
        var p = new float[logits.Length];
        for (int i = 0; i < p.Length; i++) p[i] = (float)VectorMath.Sigmoid(logits[i]);
        return p;
    }

    /// <summary>ONNX (opset 17): input <c>window</c> float [N, Steps, Features], output <c>p_up</c> float [N, 1].</summary>
    public abstract byte[] ToOnnx();
}
