namespace Plan2.Grains.Predictions;

/// <summary>Trains a model set on the stored history (in its own process); the silo's, used by the lifecycle grain.</summary>
public interface IChallengerTrainer
{
    /// <summary>Returns the folder of the trained model set, or null when there was too little history.</summary>
    Task<string?> TrainAsync(CancellationToken ct);
}
