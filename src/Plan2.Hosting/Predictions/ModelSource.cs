using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Plan2.Abstractions.Predictions;
using Plan2.Grains.Predictions;
using Plan2.Hosting.MarketData;
using Plan2.Ml;
using Plan2.Ml.Lifecycle;
using Plan2.Ml.Serving;

namespace Plan2.Hosting.Predictions;

/// <summary>Loads the shipped models once per silo (Plan2:Models:Folder, else onnx-models found above the app).</summary>
public sealed class ModelSource : IModelSource, IDisposable
{
    private readonly Lazy<ModelRegistry?> _registry;
    private readonly ILogger<ModelSource> _logger;
    private readonly string _folder;
    private string? _challengerVersion;

    public ModelSource(IConfiguration configuration, MarketDataOptions data, ILogger<ModelSource> logger)
    {
        _logger = logger;
        _folder = Path.Combine(data.DataDir, "models");
        Promotions = new PromotionLog(Path.Combine(data.DataDir, "models", "promotions.jsonl"));
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

    /// <summary>The latest retrained model set, run in shadow by every predictor until it is promoted or replaced.</summary>
    public ModelRegistry? Challenger { get; private set; }

    public DateTimeOffset? ChallengerSince { get; private set; }

    /// <summary>Every promotion decision with its evidence, one JSON line each.</summary>
    public PromotionLog Promotions { get; }

    /// <summary>
    /// Serves the cluster's current challenger (<see cref="IModelLifecycleGrain"/>): fetches its files once per
    /// version into the data folder's models/ and loads them. The previous challenger is not disposed: a
    /// predictor may have promoted it and still serve with it (a few MB of ONNX sessions per retraining).
    /// </summary>
    public async Task SyncChallengerAsync(IModelLifecycleGrain lifecycle)
    {
        if (await lifecycle.GetChallengerAsync() is not { } view || view.Version == _challengerVersion)
            return;
        var folder = Path.Combine(_folder, view.Version);
        if (!File.Exists(Path.Combine(folder, ModelManifest.FileName)))
        {
            if (await lifecycle.GetModelFilesAsync(view.Version) is not { } files)
                return; // replaced meanwhile: the next round fetches the newer one
            Directory.CreateDirectory(_folder);
            folder = ModelFolder.Write(files, _folder);
        }
        (Challenger, ChallengerSince, _challengerVersion) = (ModelRegistry.Load(folder), view.RegisteredAt, view.Version);
        _logger.LogInformation("Challenger {Version} (registered {At:u}) runs in shadow on this silo", view.Version, view.RegisteredAt);
    }

    public void Record(PromotionRecord record)
    {
        Promotions.Append(record);
        _logger.LogInformation("{Scope}: {Outcome} challenger {Challenger} over {Champion}: {Explanation}", record.Scope,
            record.Decision.Outcome, record.ChallengerVersion, record.ChampionVersion, record.Decision.Explanation);
    }

    public void Dispose()
    {
        if (_registry.IsValueCreated)
            _registry.Value?.Dispose();
    }
}
