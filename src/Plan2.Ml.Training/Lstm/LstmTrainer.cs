using System.Diagnostics;

namespace Plan2.Ml.Training.Lstm;

/// <summary>
/// Trains <see cref="LstmNetwork"/> with AdamW on shuffled mini-batches, clipping the gradient norm, and
/// stops early on validation log loss, returning the best epoch's weights. Our own trainer rather than
/// TorchSharp: libtorch needs a binary patch on Debian 12 and ~600 MB per bin folder (see ML-NOTES.md).
/// </summary>
public static class LstmTrainer
{
    public static LstmModel Train(SequenceData train, SequenceData validation, LstmOptions options, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        LstmData.Check(train, nameof(train), needLabels: true);
        LstmData.Check(validation, nameof(validation), needLabels: true);
        LstmData.CheckSameShape(train, validation, nameof(validation));
        options.Validate();

        int count = Math.Min(options.MaxTrainRows ?? train.Rows, train.Rows);
        int first = train.Rows - count; // the most recent rows: closest to what the model will see live
        var (mean, invStd) = LstmScaler.Fit(train, first, count);
        var net = new LstmNetwork(train.Features, options.Hidden, options.Seed);
        net.Parameters[net.OutputBias.Offset] = PriorLogit(train.Y, first, count);

        var decay = new bool[net.Parameters.Length];
        foreach (var g in new[] { net.InputWeights, net.RecurrentWeights, net.OutputWeights })
            decay.AsSpan(g.Offset, g.Length).Fill(true);
        var adam = new AdamW(net.Parameters, decay, options.LearningRate, options.WeightDecay);
        var runner = new LstmBatchRunner(net, train.Steps, mean, invStd, options.MaxThreads);

        var order = new int[count];
        for (int i = 0; i < count; i++) order[i] = first + i;
        var rng = new Random(unchecked(options.Seed * 31 + 7)); // not the init stream, so init and order are independent
        var gradient = new double[net.Parameters.Length];
        var best = new double[net.Parameters.Length];
        double bestLoss = double.PositiveInfinity;
        int bestEpoch = 0, stale = 0;
        var history = new List<LstmEpoch>();
        var clock = Stopwatch.StartNew();

        for (int epoch = 1; epoch <= options.MaxEpochs; epoch++)
        {
            rng.Shuffle(order);
            double lossSum = 0;
            for (int start = 0; start < count; start += options.BatchSize)
            {
                int n = Math.Min(options.BatchSize, count - start);
                lossSum += runner.LossAndGradient(train, order, start, n, gradient) * n;
                ClipNorm(gradient, options.ClipNorm);
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
            progress?.Report($"LSTM epoch {epoch}/{options.MaxEpochs}: train log loss {lossSum / count:F5}, validation {valLoss:F5}{(improved ? " (best)" : "")}, {count * (long)epoch / clock.Elapsed.TotalSeconds:F0} windows/s");
            if (stale >= options.Patience) break;
        }
        if (bestEpoch == 0)
            throw new InvalidOperationException("LSTM training diverged: validation log loss was never finite. Lower LearningRate or check the features.");
        return new LstmModel(LstmNetwork.FromParameters(net.Features, net.Hidden, best), train.Steps, mean, invStd, history, bestEpoch);
    }

    // Starting the output at the base rate's log-odds spares the first batches from learning the prior.
    private static double PriorLogit(float[] y, int first, int count)
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
