namespace Plan2.Ml.Training.Lstm;

/// <summary>Settings of <see cref="LstmTrainer"/>; the defaults suit ~90k windows of 30 steps.</summary>
public sealed record LstmOptions : SequenceTrainingOptions
{
    public int Hidden { get; init; } = 16;

    protected override void ValidateNetwork()
    {
        if (Hidden <= 0) throw new ArgumentException($"Hidden must be positive, got {Hidden}.");
    }
}

/// <summary>One epoch's mean training log loss (over its batches, weights changing) and validation log loss after it.</summary>
public sealed record LstmEpoch(int Epoch, double TrainLogLoss, double ValidationLogLoss);
