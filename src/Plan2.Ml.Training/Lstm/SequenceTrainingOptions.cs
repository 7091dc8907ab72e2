using Plan2.Ml.Training.Data;

namespace Plan2.Ml.Training.Lstm;

/// <summary>What every sequence trainer (LSTM, Transformer) shares: the training loop's settings and their checks.</summary>
public abstract record SequenceTrainingOptions
{
    public int BatchSize { get; init; } = 256;
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Decoupled (AdamW) decay per step, times the learning rate, on the weight matrices; biases are not decayed.</summary>
    public double WeightDecay { get; init; } = 1e-4;
    /// <summary>The batch gradient is rescaled when its global L2 norm exceeds this (exploding gradients).</summary>
    public double ClipNorm { get; init; } = 1.0;
    public int MaxEpochs { get; init; } = 10;
    /// <summary>Stop after this many epochs in a row without a lower validation log loss.</summary>
    public int Patience { get; init; } = 2;
    /// <summary>Train on at most this many rows, the most recent ones (the end of the data); null = all.</summary>
    public int? MaxTrainRows { get; init; }
    public int Seed { get; init; } = 1;
    /// <summary>Worker threads; results do not depend on it (fixed work split, fixed summation order).</summary>
    public int MaxThreads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Features the network never learns from (a schema mask, as the tree members take): their scale is set to 0, so
    /// they reach it as 0 in training, in prediction and in the ONNX graph alike (the graph's input keeps every column,
    /// serving is unchanged).
    /// </summary>
    public FeatureMask Ignored { get; init; } = FeatureMask.None;

    /// <summary>The scaling fitted on the training windows, with the <see cref="Ignored"/> features scaled to nothing.</summary>
    internal (float[] Mean, float[] InvStd) Scaling(SequenceData train, int first, int count)
    {
        var (mean, invStd) = LstmScaler.Fit(train, first, count);
        foreach (var k in Ignored.Columns)
            invStd[k] = 0f;
        return (mean, invStd);
    }

    /// <summary>The loop's settings, after the network's own checks and the loop's.</summary>
    internal SequenceLoopSettings Loop()
    {
        ValidateNetwork();
        if (BatchSize <= 0) throw new ArgumentException($"BatchSize must be positive, got {BatchSize}.");
        if (!(LearningRate > 0)) throw new ArgumentException($"LearningRate must be positive, got {LearningRate}.");
        if (!(WeightDecay >= 0)) throw new ArgumentException($"WeightDecay must be >= 0, got {WeightDecay}.");
        if (!(ClipNorm > 0)) throw new ArgumentException($"ClipNorm must be positive, got {ClipNorm}.");
        if (MaxEpochs <= 0) throw new ArgumentException($"MaxEpochs must be positive, got {MaxEpochs}.");
        if (Patience <= 0) throw new ArgumentException($"Patience must be positive, got {Patience}.");
        if (MaxTrainRows is <= 0) throw new ArgumentException($"MaxTrainRows must be positive when set, got {MaxTrainRows}.");
        if (MaxThreads <= 0) throw new ArgumentException($"MaxThreads must be positive, got {MaxThreads}.");
        return new SequenceLoopSettings(BatchSize, LearningRate, WeightDecay, ClipNorm, MaxEpochs, Patience, Seed, MaxThreads);
    }

    /// <summary>Refuses an impossible network shape.</summary>
    protected abstract void ValidateNetwork();
}
