using System.Diagnostics;

namespace Plan2.Ml.Training.Lstm;

/// <summary>Optimiser and stopping settings shared by our sequence trainers (LSTM, Transformer).</summary>
public sealed record SequenceLoopSettings(int BatchSize, double LearningRate, double WeightDecay, double ClipNorm,
    int MaxEpochs, int Patience, int Seed, int MaxThreads);

/// <summary>
/// AdamW on shuffled mini-batches, the gradient norm clipped, early stopping on validation log loss; the
/// best epoch's weights are kept. Deterministic for a seed: the batch runner sums in a fixed order.
/// </summary>
internal static class SequenceTrainingLoop
{
    public static (double[] Best, List<LstmEpoch> History, int BestEpoch) Run<TWorkspace>(
        ISequenceNetwork<TWorkspace> net, bool[] decay, SequenceData train, SequenceData validation, int first, int count,
        float[] mean, float[] invStd, SequenceLoopSettings s, string name, IProgress<string>? progress)
        where TWorkspace : ISequenceWorkspace
    {
        var adam = new AdamW(net.Parameters, decay, s.LearningRate, s.WeightDecay);
        var runner = new SequenceBatchRunner<TWorkspace>(net, train.Steps, mean, invStd, s.MaxThreads);
        var order = new int[count];
        for (int i = 0; i < count; i++) order[i] = first + i;
        var rng = new Random(unchecked(s.Seed * 31 + 7)); // not the init stream, so init and order are independent
        var gradient = new double[net.Parameters.Length];
        var best = new double[net.Parameters.Length];
        double bestLoss = double.PositiveInfinity;
        int bestEpoch = 0, stale = 0;
        var history = new List<LstmEpoch>();
        var clock = Stopwatch.StartNew();

        for (int epoch = 1; epoch <= s.MaxEpochs; epoch++)
        {
            rng.Shuffle(order);
            double lossSum = 0;
            for (int start = 0; start < count; start += s.BatchSize)
            {
                int n = Math.Min(s.BatchSize, count - start);
                lossSum += runner.LossAndGradient(train, order, start, n, gradient) * n;
                ClipNorm(gradient, s.ClipNorm);
                adam.Step(gradient);
            }
            double valLoss = runner.LogLoss(validation);
            history.Add(new LstmEpoch(epoch, lossSum / count, valLoss));
            bool improved = valLoss < bestLoss;
            if (improved)
            {
                bestLoss = valLoss;
                bestEpoch = epoch;
                stale = 0;
                net.Parameters.CopyTo(best, 0);
            }
            else stale++;
            progress?.Report($"{name} epoch {epoch}/{s.MaxEpochs}: train log loss {lossSum / count:F5}, validation {valLoss:F5}{(improved ? " (best)" : "")}, {count * (long)epoch / clock.Elapsed.TotalSeconds:F0} windows/s");
            if (stale >= s.Patience) break;
        }
        if (bestEpoch == 0)
            throw new InvalidOperationException($"{name} training diverged: validation log loss was never finite. Lower LearningRate or check the features.");
        return (best, history, bestEpoch);
    }

    /// <summary>Starting the output at the base rate's log-odds spares the first batches from learning the prior.</summary>
    public static double PriorLogit(float[] y, int first, int count)
    {
        double ones = 0;
        for (int i = first; i < first + count; i++) ones += y[i];
        double p = Math.Clamp(ones / count, 1e-3, 1 - 1e-3);
        return Math.Log(p / (1 - p));
    }

    private static void ClipNorm(double[] gradient, double maxNorm)
    {
        double sq = 0;
        foreach (double g in gradient) sq += g * g;
        double norm = Math.Sqrt(sq);
        if (norm <= maxNorm) return;
        double scale = maxNorm / norm;
        for (int i = 0; i < gradient.Length; i++) gradient[i] *= scale;
    }
}
