using Plan2.Ml.Training.Lstm;

namespace Plan2.Ml.Training.Transformer;

/// <summary>
/// A one-layer, one-head Transformer encoder over a window of feature vectors, pre-norm:
/// <code>
/// h0 = x·Win + bin + PE            (sinusoidal positions)
/// h1 = h0 + softmax(q·kᵀ/√d)·v·Wo + bo,  q, k, v = LN1(h0)·Wq|Wk|Wv + b
/// h2 = h1 + relu(LN2(h1)·W1 + b1)·W2 + b2
/// logit = V·h2[last step] + C
/// </code>
/// All parameters live in one flat array, matrices row-major [in, out], so optimiser, clipping and
/// gradient checks treat them alike.
/// </summary>
public sealed partial class TransformerNetwork : ISequenceNetwork<TransformerWorkspace>
{
    public TransformerNetwork(int features, int modelDim = 16, int feedForward = 32, int seed = 0)
        : this(features, modelDim, feedForward, new double[ParameterCount(features, modelDim, feedForward)])
    {
        var rng = new Random(seed);
        foreach (var (g, fanIn, fanOut) in new[]
        {
            (InputWeights, features, modelDim), (QueryWeights, modelDim, modelDim), (KeyWeights, modelDim, modelDim),
            (ValueWeights, modelDim, modelDim), (AttentionOutputWeights, modelDim, modelDim),
            (FeedForwardWeights1, modelDim, feedForward), (FeedForwardWeights2, feedForward, modelDim),
        })
            FillUniform(rng, g, Math.Sqrt(6.0 / (fanIn + fanOut)));
        // A small output layer: the network starts near the prior instead of at random confident calls
        // (the trainer sets C to the prior's log-odds), which cost it the first epoch at full Glorot scale.
        FillUniform(rng, OutputWeights, 0.1 * Math.Sqrt(6.0 / (modelDim + 1)));
        Parameters.AsSpan(Norm1Gain.Offset, modelDim).Fill(1.0);
        Parameters.AsSpan(Norm2Gain.Offset, modelDim).Fill(1.0);
    }

    private TransformerNetwork(int features, int modelDim, int feedForward, double[] parameters)
    {
        if (features <= 0) throw new ArgumentOutOfRangeException(nameof(features), features, "Need at least one feature.");
        if (modelDim <= 0 || modelDim % 2 != 0) throw new ArgumentOutOfRangeException(nameof(modelDim), modelDim, "The model width must be positive and even (sine and cosine positions).");
        if (feedForward <= 0) throw new ArgumentOutOfRangeException(nameof(feedForward), feedForward, "Need at least one feed-forward unit.");
        Features = features;
        ModelDim = modelDim;
        FeedForward = feedForward;
        Parameters = parameters;
        int d = modelDim, offset = 0;
        LstmParameterGroup Next(string name, int length)
        {
            var g = new LstmParameterGroup(name, offset, length);
            offset += length;
            return g;
        }
        InputWeights = Next("Win", features * d); InputBias = Next("bin", d);
        Norm1Gain = Next("ln1_gain", d); Norm1Bias = Next("ln1_bias", d);
        QueryWeights = Next("Wq", d * d); QueryBias = Next("bq", d);
        KeyWeights = Next("Wk", d * d); KeyBias = Next("bk", d);
        ValueWeights = Next("Wv", d * d); ValueBias = Next("bv", d);
        AttentionOutputWeights = Next("Wo", d * d); AttentionOutputBias = Next("bo", d);
        Norm2Gain = Next("ln2_gain", d); Norm2Bias = Next("ln2_bias", d);
        FeedForwardWeights1 = Next("W1", d * feedForward); FeedForwardBias1 = Next("b1", feedForward);
        FeedForwardWeights2 = Next("W2", feedForward * d); FeedForwardBias2 = Next("b2", d);
        OutputWeights = Next("V", d); OutputBias = Next("C", 1);
        Groups =
        [
            InputWeights, InputBias, Norm1Gain, Norm1Bias, QueryWeights, QueryBias, KeyWeights, KeyBias, ValueWeights, ValueBias,
            AttentionOutputWeights, AttentionOutputBias, Norm2Gain, Norm2Bias, FeedForwardWeights1, FeedForwardBias1,
            FeedForwardWeights2, FeedForwardBias2, OutputWeights, OutputBias,
        ];
    }

    public static int ParameterCount(int features, int d, int ff) => features * d + d + 4 * d + 4 * (d * d + d) + d * ff + ff + ff * d + d + d + 1;

    public static TransformerNetwork FromParameters(int features, int modelDim, int feedForward, ReadOnlySpan<double> parameters)
    {
        if (parameters.Length != ParameterCount(features, modelDim, feedForward))
            throw new ArgumentException($"Expected {ParameterCount(features, modelDim, feedForward)} parameters, got {parameters.Length}.", nameof(parameters));
        return new TransformerNetwork(features, modelDim, feedForward, parameters.ToArray());
    }

    public int Features { get; }
    public int ModelDim { get; }
    public int FeedForward { get; }
    public double[] Parameters { get; }
    public LstmParameterGroup InputWeights { get; }
    public LstmParameterGroup InputBias { get; }
    public LstmParameterGroup Norm1Gain { get; }
    public LstmParameterGroup Norm1Bias { get; }
    public LstmParameterGroup QueryWeights { get; }
    public LstmParameterGroup QueryBias { get; }
    public LstmParameterGroup KeyWeights { get; }
    public LstmParameterGroup KeyBias { get; }
    public LstmParameterGroup ValueWeights { get; }
    public LstmParameterGroup ValueBias { get; }
    public LstmParameterGroup AttentionOutputWeights { get; }
    public LstmParameterGroup AttentionOutputBias { get; }
    public LstmParameterGroup Norm2Gain { get; }
    public LstmParameterGroup Norm2Bias { get; }
    public LstmParameterGroup FeedForwardWeights1 { get; }
    public LstmParameterGroup FeedForwardBias1 { get; }
    public LstmParameterGroup FeedForwardWeights2 { get; }
    public LstmParameterGroup FeedForwardBias2 { get; }
    public LstmParameterGroup OutputWeights { get; }
    public LstmParameterGroup OutputBias { get; }
    public IReadOnlyList<LstmParameterGroup> Groups { get; }

    /// <summary>Weight matrices decay under AdamW; biases and the layer norms' gains do not.</summary>
    public IEnumerable<LstmParameterGroup> DecayedGroups =>
        [InputWeights, QueryWeights, KeyWeights, ValueWeights, AttentionOutputWeights, FeedForwardWeights1, FeedForwardWeights2, OutputWeights];

    public TransformerWorkspace CreateWorkspace(int steps) => new(steps, Features, ModelDim, FeedForward);

    /// <summary>Sinusoidal positions [steps, d]: PE[t, 2i] = sin(t / 10000^(2i/d)), PE[t, 2i+1] = cos(…).</summary>
    public static double[] PositionalEncoding(int steps, int d)
    {
        var pe = new double[steps * d];
        for (int t = 0; t < steps; t++)
            for (int i = 0; i < d / 2; i++)
            {
                double angle = t / Math.Pow(10_000, 2.0 * i / d);
                pe[t * d + 2 * i] = Math.Sin(angle);
                pe[t * d + 2 * i + 1] = Math.Cos(angle);
            }
        return pe;
    }

    /// <summary>P(up) per window of x ([(row * steps + step) * Features + f], already scaled).</summary>
    public double[] Predict(double[] x, int rows, int steps)
    {
        var ws = CreateWorkspace(steps);
        var p = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            x.AsSpan(r * steps * Features, steps * Features).CopyTo(ws.Input);
            p[r] = VectorMath.Sigmoid(Forward(ws));
        }
        return p;
    }

    /// <summary>Mean log loss over the windows; the gradient (when given) is overwritten with its gradient.</summary>
    public double LossAndGradient(double[] x, double[] y, int rows, int steps, double[]? gradient)
    {
        if (x.Length != (long)rows * steps * Features) throw new ArgumentException($"x has {x.Length} values for {rows} x {steps} x {Features}.", nameof(x));
        if (gradient is not null) Array.Clear(gradient);
        var ws = CreateWorkspace(steps);
        double loss = 0;
        for (int r = 0; r < rows; r++)
        {
            x.AsSpan(r * steps * Features, steps * Features).CopyTo(ws.Input);
            double z = Forward(ws);
            loss += VectorMath.LogLossFromLogit(z, y[r]);
            if (gradient is not null) Backward(ws, (VectorMath.Sigmoid(z) - y[r]) / rows, gradient);
        }
        return loss / rows;
    }

    private void FillUniform(Random rng, LstmParameterGroup group, double limit)
    {
        var span = Parameters.AsSpan(group.Offset, group.Length);
        for (int i = 0; i < span.Length; i++) span[i] = (2 * rng.NextDouble() - 1) * limit;
    }

    private Span<double> P(LstmParameterGroup g) => Parameters.AsSpan(g.Offset, g.Length);
}
