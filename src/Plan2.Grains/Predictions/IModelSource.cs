using Plan2.Ml.Serving;

namespace Plan2.Grains.Predictions;

/// <summary>The silo-wide shipped models (loaded once); null when the silo has none to serve.</summary>
public interface IModelSource
{
    ModelRegistry? Registry { get; }
}
