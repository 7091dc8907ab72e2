using Plan2.Ml.Training.Lstm;

namespace Plan2.Ml.Training.Transformer;

/// <summary>
/// Trains <see cref="TransformerNetwork"/> by our own backpropagation with AdamW and early stopping, on the
/// same windows and per-feature scaling as the LSTM; deterministic for a seed whatever the thread count.
/// </summary>
public static class TransformerTrainer
{
    public static TransformerModel Train(SequenceData train, SequenceData validation, TransformerOptions options, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var loop = options.Loop();
        LstmData.Check(train, nameof(train), needLabels: true);
        LstmData.Check(validation, nameof(validation), needLabels: true);
        LstmData.CheckSameShape(train, validation, nameof(validation));

        int count = Math.Min(options.MaxTrainRows ?? train.Rows, train.Rows);
        int first = train.Rows - count; // the most recent rows
        var (mean, invStd) = options.Scaling(train, first, count);
        var net = new TransformerNetwork(train.Features, options.ModelDim, options.FeedForward, options.Seed);
        net.Parameters[net.OutputBias.Offset] = SequenceTrainingLoop.PriorLogit(train.Y, first, count);
        var decay = new bool[net.Parameters.Length];
        foreach (var g in net.DecayedGroups) decay.AsSpan(g.Offset, g.Length).Fill(true);

        var (best, history, bestEpoch) = SequenceTrainingLoop.Run(net, decay, train, validation, first, count, mean, invStd, loop, "Transformer", progress);
        return new TransformerModel(TransformerNetwork.FromParameters(net.Features, net.ModelDim, net.FeedForward, best), train.Steps, mean, invStd, history, bestEpoch);
    }
}
