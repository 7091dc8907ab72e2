namespace Plan2.Ml.Training.Lstm;

/// <summary>
/// Scratch memory for one window's forward and backward pass, reused from window to window so training
/// allocates nothing per sample. Not thread-safe: one per thread.
/// </summary>
public sealed class LstmWorkspace : ISequenceWorkspace
{
    internal LstmWorkspace(int steps, int features, int hidden)
    {
        if (steps <= 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, "A window needs at least one step.");
        Steps = steps;
        Features = features;
        Hidden = hidden;
        int g = 4 * hidden;
        InputBuffer = new double[steps * features];
        Gates = new double[steps * g];
        Cell = new double[(steps + 1) * hidden];
        HiddenState = new double[(steps + 1) * hidden];
        TanhCell = new double[steps * hidden];
        DZ = new double[steps * g];
        DH = new double[hidden];
        DC = new double[hidden];
    }

    public int Steps { get; }
    internal int Features { get; }
    internal int Hidden { get; }

    /// <summary>The window to run, <c>[step * Features + f]</c>, step 0 the oldest; the caller fills it before a forward pass.</summary>
    public Span<double> Input => InputBuffer;

    internal double[] InputBuffer { get; }
    /// <summary>Activated gates per step, <c>[step * 4H + gate * H + j]</c>, gates in ONNX order i, o, f, c.</summary>
    internal double[] Gates { get; }
    /// <summary>Cell and hidden states with the zero initial state at index 0: <c>[(step + 1) * H + j]</c>.</summary>
    internal double[] Cell { get; }
    internal double[] HiddenState { get; }
    internal double[] TanhCell { get; }
    /// <summary>Gradient of the loss with respect to the gate pre-activations, per step, same layout as <see cref="Gates"/>.</summary>
    internal double[] DZ { get; }
    internal double[] DH { get; }
    internal double[] DC { get; }
}
