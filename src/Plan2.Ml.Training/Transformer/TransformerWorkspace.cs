using Plan2.Ml.Training.Lstm;

namespace Plan2.Ml.Training.Transformer;

/// <summary>Activations of one window kept for backward, and gradient scratch; reused window to window, one per thread.</summary>
public sealed class TransformerWorkspace : ISequenceWorkspace
{
    internal TransformerWorkspace(int steps, int features, int d, int ff)
    {
        if (steps <= 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, "A window needs at least one step.");
        Steps = steps;
        Features = features;
        ModelDim = d;
        FeedForward = ff;
        X = new double[steps * features];
        Positions = TransformerNetwork.PositionalEncoding(steps, d);
        double[] Td() => new double[steps * d];
        H0 = Td(); A = Td(); XHat1 = Td(); Q = Td(); K = Td(); V = Td(); O = Td(); H1 = Td(); B = Td(); XHat2 = Td(); H2 = Td();
        InvStd1 = new double[steps]; InvStd2 = new double[steps];
        Attention = new double[steps * steps];
        Z1 = new double[steps * ff]; U = new double[steps * ff];
        Pooled = new double[d];
        DH2 = Td(); DB = Td(); DH1 = Td(); DO = Td(); DQ = Td(); DK = Td(); DV = Td(); DA = Td(); DH0 = Td();
        DU = new double[steps * ff];
        DAttention = new double[steps * steps];
    }

    public int Steps { get; }
    internal int Features { get; }
    internal int ModelDim { get; }
    internal int FeedForward { get; }
    public Span<double> Input => X;

    internal double[] X { get; }
    internal double[] Positions { get; }
    internal double[] H0 { get; }
    internal double[] A { get; }
    internal double[] XHat1 { get; }
    internal double[] InvStd1 { get; }
    internal double[] Q { get; }
    internal double[] K { get; }
    internal double[] V { get; }
    /// <summary>Softmax attention weights [query step, key step].</summary>
    internal double[] Attention { get; }
    internal double[] O { get; }
    internal double[] H1 { get; }
    internal double[] B { get; }
    internal double[] XHat2 { get; }
    internal double[] InvStd2 { get; }
    internal double[] Z1 { get; }
    internal double[] U { get; }
    internal double[] H2 { get; }
    internal double[] Pooled { get; }
    internal double[] DH2 { get; }
    internal double[] DU { get; }
    internal double[] DB { get; }
    internal double[] DH1 { get; }
    internal double[] DO { get; }
    internal double[] DAttention { get; }
    internal double[] DQ { get; }
    internal double[] DK { get; }
    internal double[] DV { get; }
    internal double[] DA { get; }
    internal double[] DH0 { get; }
}
