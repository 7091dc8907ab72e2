using Plan2.Ml.Training.Lstm;

namespace Plan2.Ml.Training.Transformer;

/// <summary>Settings of <see cref="TransformerTrainer"/>: small enough to train in minutes on two cores.</summary>
public sealed record TransformerOptions : SequenceTrainingOptions
{
    public int ModelDim { get; init; } = 16;
    public int FeedForward { get; init; } = 32;

    protected override void ValidateNetwork()
    {
        if (ModelDim <= 0 || ModelDim % 2 != 0) throw new ArgumentException($"ModelDim must be positive and even, got {ModelDim}.");
        if (FeedForward <= 0) throw new ArgumentException($"FeedForward must be positive, got {FeedForward}.");
    }
}
