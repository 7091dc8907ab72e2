namespace Plan2.Ml.Training.Lstm;

/// <summary>A named slice of <see cref="LstmNetwork.Parameters"/>.</summary>
public readonly record struct LstmParameterGroup(string Name, int Offset, int Length);

/// <summary>
/// One LSTM layer over a window, its last hidden state through a dense layer to the logit of P(up).
/// All parameters live in one flat array so the optimiser, clipping and gradient buffers treat them alike:
/// <list type="bullet">
/// <item>W <c>[f * 4H + gate * H + j]</c> (input-major, so the forward pass is contiguous axpy over 4H),</item>
/// <item>R <c>[k * 4H + gate * H + j]</c> (previous hidden unit k),</item>
/// <item>B <c>[gate * H + j]</c>, V <c>[j]</c> (dense weights), C (dense bias).</item>
/// </list>
/// Gates are kept in ONNX order i, o, f, c so the export needs no reordering, only a transpose.
/// </summary>
public sealed partial class LstmNetwork : ISequenceNetwork<LstmWorkspace>
{
    public const int GateInput = 0, GateOutput = 1, GateForget = 2, GateCell = 3;

    public LstmNetwork(int features, int hidden = 16, int seed = 0)
        : this(features, hidden, new double[ParameterCount(features, hidden)])
    {
        var rng = new Random(seed);
        FillUniform(rng, InputWeights, Math.Sqrt(6.0 / (features + hidden)));
        FillUniform(rng, RecurrentWeights, Math.Sqrt(6.0 / (hidden + hidden)));
        FillUniform(rng, OutputWeights, Math.Sqrt(6.0 / (hidden + 1)));
        // Forget bias 1: the cell starts by remembering, so gradients reach early steps from the first batch.
        Parameters.AsSpan(GateBias.Offset + GateForget * hidden, hidden).Fill(1.0);
    }

    private LstmNetwork(int features, int hidden, double[] parameters)
    {
        if (features <= 0) throw new ArgumentOutOfRangeException(nameof(features), features, "Need at least one feature.");
        if (hidden <= 0) throw new ArgumentOutOfRangeException(nameof(hidden), hidden, "Need at least one hidden unit.");
        Features = features;
        Hidden = hidden;
        Parameters = parameters;
        int g = 4 * hidden;
        InputWeights = new("W", 0, features * g);
        RecurrentWeights = new("R", InputWeights.Offset + InputWeights.Length, hidden * g);
        GateBias = new("B", RecurrentWeights.Offset + RecurrentWeights.Length, g);
        OutputWeights = new("V", GateBias.Offset + GateBias.Length, hidden);
        OutputBias = new("C", OutputWeights.Offset + OutputWeights.Length, 1);
        Groups = [InputWeights, RecurrentWeights, GateBias, OutputWeights, OutputBias];
    }

    /// <summary>A network over a copy of <paramref name="parameters"/> (layout as in the class summary).</summary>
    public static LstmNetwork FromParameters(int features, int hidden, ReadOnlySpan<double> parameters)
    {
        if (parameters.Length != ParameterCount(features, hidden))
            throw new ArgumentException($"Expected {ParameterCount(features, hidden)} parameters for {features} features and {hidden} hidden units, got {parameters.Length}.", nameof(parameters));
        return new LstmNetwork(features, hidden, parameters.ToArray());
    }

    public static int ParameterCount(int features, int hidden) => 4 * hidden * (features + hidden + 1) + hidden + 1;

    public int Features { get; }
    public int Hidden { get; }
    /// <summary>The live parameters; the trainer updates them in place.</summary>
    public double[] Parameters { get; }
    public LstmParameterGroup InputWeights { get; }
    public LstmParameterGroup RecurrentWeights { get; }
    public LstmParameterGroup GateBias { get; }
    public LstmParameterGroup OutputWeights { get; }
    public LstmParameterGroup OutputBias { get; }
    public IReadOnlyList<LstmParameterGroup> Groups { get; }

    public LstmWorkspace CreateWorkspace(int steps) => new(steps, Features, Hidden);

    /// <summary>P(up) for each window of <paramref name="x"/> (<c>[(row * steps + step) * Features + f]</c>).</summary>
    public double[] Predict(double[] x, int rows, int steps)
    {
        CheckBatch(x, rows, steps);
        var ws = CreateWorkspace(steps);
        var p = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            x.AsSpan(r * steps * Features, steps * Features).CopyTo(ws.Input);
            p[r] = VectorMath.Sigmoid(Forward(ws));
        }
        return p;
    }

    /// <summary>
    /// Mean binary cross-entropy over the batch; when <paramref name="gradient"/> is given it is overwritten
    /// with the gradient of that mean with respect to <see cref="Parameters"/>.
    /// </summary>
    public double LossAndGradient(double[] x, double[] y, int rows, int steps, double[]? gradient)
    {
        CheckBatch(x, rows, steps);
        if (y.Length != rows) throw new ArgumentException($"y has {y.Length} labels for {rows} rows.", nameof(y));
        if (gradient is not null)
        {
            if (gradient.Length != Parameters.Length)
                throw new ArgumentException($"gradient has length {gradient.Length}, the network has {Parameters.Length} parameters.", nameof(gradient));
            Array.Clear(gradient);
        }
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

    private void CheckBatch(double[] x, int rows, int steps)
    {
        if (rows <= 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, "Need at least one row.");
        if (steps <= 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, "Need at least one step.");
        if (x.Length != (long)rows * steps * Features)
            throw new ArgumentException($"x has {x.Length} values; {rows} rows x {steps} steps x {Features} features need {(long)rows * steps * Features}.", nameof(x));
    }

    // Uniform(-limit, limit) is Xavier/Glorot's variance-preserving range.
    private void FillUniform(Random rng, LstmParameterGroup group, double limit)
    {
        var span = Parameters.AsSpan(group.Offset, group.Length);
        for (int i = 0; i < span.Length; i++) span[i] = (2 * rng.NextDouble() - 1) * limit;
    }
}
