namespace Plan2.Ml.Training.Lstm;

/// <summary>
/// Runs many windows through a network on several threads. Work is cut into a fixed number of chunks, each
/// with its own workspace and gradient buffer, summed in chunk order: results are the same bit for bit
/// whatever the thread count or scheduling, so a seed fully determines training.
/// </summary>
internal sealed class SequenceBatchRunner<TWorkspace> where TWorkspace : ISequenceWorkspace
{
    private const int Chunks = 8;
    private readonly ISequenceNetwork<TWorkspace> _net;
    private readonly float[] _mean, _invStd;
    private readonly TWorkspace[] _ws = new TWorkspace[Chunks];
    private readonly double[][] _grad = new double[Chunks][];
    private readonly double[] _loss = new double[Chunks];
    private readonly ParallelOptions _parallel;

    public SequenceBatchRunner(ISequenceNetwork<TWorkspace> net, int steps, float[] mean, float[] invStd, int maxThreads)
    {
        _net = net;
        _mean = mean;
        _invStd = invStd;
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = maxThreads };
        for (int k = 0; k < Chunks; k++)
        {
            _ws[k] = net.CreateWorkspace(steps);
            _grad[k] = new double[net.Parameters.Length];
        }
    }

    /// <summary>Mean log loss of rows <c>order[start .. start + count)</c>; <paramref name="gradient"/> receives its gradient.</summary>
    public double LossAndGradient(SequenceData data, int[] order, int start, int count, double[] gradient)
    {
        int chunks = Math.Min(Chunks, count);
        double scale = 1.0 / count;
        Parallel.For(0, chunks, _parallel, k =>
        {
            var ws = _ws[k];
            var g = _grad[k];
            Array.Clear(g);
            double loss = 0;
            for (int i = start + Slice(count, chunks, k), end = start + Slice(count, chunks, k + 1); i < end; i++)
            {
                int row = order[i];
                LstmScaler.Fill(data, row, _mean, _invStd, ws.Input);
                double z = _net.Forward(ws);
                double y = data.Y[row];
                loss += VectorMath.LogLossFromLogit(z, y);
                _net.Backward(ws, (VectorMath.Sigmoid(z) - y) * scale, g);
            }
            _loss[k] = loss;
        });
        Array.Clear(gradient);
        double total = 0;
        for (int k = 0; k < chunks; k++)
        {
            total += _loss[k];
            var g = _grad[k];
            for (int i = 0; i < gradient.Length; i++) gradient[i] += g[i];
        }
        return total * scale;
    }

    /// <summary>The logit of P(up) for every row of <paramref name="data"/>.</summary>
    public double[] Logits(SequenceData data)
    {
        var logits = new double[data.Rows];
        int chunks = Math.Min(Chunks, data.Rows);
        Parallel.For(0, chunks, _parallel, k =>
        {
            var ws = _ws[k];
            for (int row = Slice(data.Rows, chunks, k), end = Slice(data.Rows, chunks, k + 1); row < end; row++)
            {
                LstmScaler.Fill(data, row, _mean, _invStd, ws.Input);
                logits[row] = _net.Forward(ws);
            }
        });
        return logits;
    }

    public double LogLoss(SequenceData data)
    {
        var logits = Logits(data);
        double sum = 0;
        for (int i = 0; i < logits.Length; i++) sum += VectorMath.LogLossFromLogit(logits[i], data.Y[i]);
        return sum / logits.Length;
    }

    private static int Slice(int count, int chunks, int k) => (int)((long)count * k / chunks);
}
