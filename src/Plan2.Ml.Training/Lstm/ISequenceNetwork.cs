namespace Plan2.Ml.Training.Lstm;

/// <summary>Per-thread scratch memory of a sequence network; the caller writes the scaled window into <see cref="Input"/>.</summary>
public interface ISequenceWorkspace
{
    Span<double> Input { get; }
}

/// <summary>
/// A sequence network our trainer can fit: one flat parameter array, a forward pass to the logit of
/// P(up) that keeps what backward needs in the workspace, and a backward pass that accumulates.
/// </summary>
public interface ISequenceNetwork<TWorkspace> where TWorkspace : ISequenceWorkspace
{
    double[] Parameters { get; }
    int Features { get; }
    TWorkspace CreateWorkspace(int steps);
    double Forward(TWorkspace ws);
    void Backward(TWorkspace ws, double dLogit, Span<double> gradient);
}
