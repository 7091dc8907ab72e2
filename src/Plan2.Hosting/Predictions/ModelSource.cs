using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Plan2.Grains.Predictions;
using Plan2.Ml.Serving;

namespace Plan2.Hosting.Predictions;

/// <summary>Loads the shipped models once per silo (Plan2:Models:Folder, else onnx-models found above the app).</summary>
public sealed class ModelSource : IModelSource, IDisposable
{
    private readonly Lazy<ModelRegistry?> _registry;

    public ModelSource(IConfiguration configuration, ILogger<ModelSource> logger)
    {
        _registry = new Lazy<ModelRegistry?>(() =>
        {
            var folder = ModelRegistry.Find(configuration["Plan2:Models:Folder"]);
            if (folder is null)
            {
                logger.LogWarning("No onnx-models folder found: predictors stay idle. Set Plan2__Models__Folder.");
                return null;
            }
            var registry = ModelRegistry.Load(folder);
            logger.LogInformation("Models from {Folder}: {Models}", folder, string.Join(", ", registry.Members.Select(m => m.Entry.Name)));
            return registry;
        });
    }

    public ModelRegistry? Registry => _registry.Value;

    public void Dispose()
    {
        if (_registry.IsValueCreated)
            _registry.Value?.Dispose();
    }
}
