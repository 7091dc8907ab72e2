using Plan2.Ml.Training.Lstm;

namespace Plan2.Ml.Training.Transformer;

/// <summary>Settings of <see cref="TransformerTrainer"/>: small enough to train in minutes on two cores.</summary>
public sealed record TransformerOptions
{
    public int ModelDim { get; init; } = 16;
    public int FeedForward { get; init; } = 32;
    public int BatchSize { get; init; } = 256;
    public double LearningRate { get; init; } = 1e-3;
    public double WeightDecay { get; init; } = 1e-4;
    public double ClipNorm { get; init; } = 1.0;
    public int MaxEpochs { get; init; } = 10;
    public int Patience { get; init; } = 2;
    /// <summary>Train on at most this many rows, the most recent ones; null = all.</summary>
    public int? MaxTrainRows { get; init; }
    public int Seed { get; init; } = 1;
    /// <summary>Worker threads; results do not depend on it.</summary>
    public int MaxThreads { get; init; } = Environment.ProcessorCount;

    internal SequenceLoopSettings Loop()
    {
        if (ModelDim <= 0 || ModelDim % 2 != 0) throw new ArgumentException($"ModelDim must be positive and even, got {ModelDim}.");
        if (FeedForward <= 0) throw new ArgumentException($"FeedForward must be positive, got {FeedForward}.");
        if (BatchSize <= 0 || MaxEpochs <= 0 || Patience <= 0 || MaxThreads <= 0) throw new ArgumentException("BatchSize, MaxEpochs, Patience and MaxThreads must be positive.");
        if (!(LearningRate > 0) || !(WeightDecay >= 0) || !(ClipNorm > 0)) throw new ArgumentException("Need LearningRate > 0, WeightDecay >= 0, ClipNorm > 0.");
        if (MaxTrainRows is <= 0) throw new ArgumentException($"MaxTrainRows must be positive when set, got {MaxTrainRows}.");
        return new SequenceLoopSettings(BatchSize, LearningRate, WeightDecay, ClipNorm, MaxEpochs, Patience, Seed, MaxThreads);
    }
}
