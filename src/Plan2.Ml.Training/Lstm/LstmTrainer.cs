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
        var settings = options.Loop();

        int count = Math.Min(options.MaxTrainRows ?? train.Rows, train.Rows);
        int first = train.Rows - count; // the most recent rows: closest to what the model will see live
        var (mean, invStd) = options.Scaling(train, first, count);
        var net = new LstmNetwork(train.Features, options.Hidden, options.Seed);
        net.Parameters[net.OutputBias.Offset] = SequenceTrainingLoop.PriorLogit(train.Y, first, count);

        var decay = new bool[net.Parameters.Length];
        foreach (var g in new[] { net.InputWeights, net.RecurrentWeights, net.OutputWeights })
            decay.AsSpan(g.Offset, g.Length).Fill(true);
        var (best, history, bestEpoch) = SequenceTrainingLoop.Run(net, decay, train, validation, first, count, mean, invStd, settings, "LSTM", progress);
        return new LstmModel(LstmNetwork.FromParameters(net.Features, net.Hidden, best), train.Steps, mean, invStd, history, bestEpoch);
    }
}
