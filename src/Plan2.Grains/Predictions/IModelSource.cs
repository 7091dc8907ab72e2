using Plan2.Abstractions.Predictions;
using Plan2.Ml.Lifecycle;
using Plan2.Ml.Serving;

namespace Plan2.Grains.Predictions;

/// <summary>The silo-wide shipped models (loaded once); null when the silo has none to serve.</summary>
public interface IModelSource
{
    ModelRegistry? Registry { get; }

    /// <summary>A retrained model set to run in shadow; null when there is none.</summary>
    ModelRegistry? Challenger { get; }

    /// <summary>
    /// When the challenger was registered: it is scored only on bars from then on (and after its training
    /// window), never on the history it was trained on. Replayed history is older, so it never scores it.
    /// </summary>
    DateTimeOffset? ChallengerSince { get; }

    /// <summary>A model set this silo has open or has cached on disk, by version; null when it must be fetched.</summary>
    ModelRegistry? Opened(string version);

    /// <summary>Opens a model set from its files (cached on disk by version; opened once per silo).</summary>
    ModelRegistry Open(ModelFiles files);

    /// <summary>Keeps a promotion decision with its evidence (the silo's promotion log).</summary>
    void Record(PromotionRecord record);
}
