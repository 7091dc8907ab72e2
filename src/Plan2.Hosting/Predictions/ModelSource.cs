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
    private readonly Dictionary<string, ModelRegistry> _sets = []; // by version: one set of ONNX sessions per silo
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
        if (Opened(view.Version) is not { } challenger)
        {
            if (await lifecycle.GetModelFilesAsync(view.Version) is not { } files)
                return; // replaced meanwhile: the next round fetches the newer one
            challenger = Open(files);
        }
        (Challenger, ChallengerSince, _challengerVersion) = (challenger, view.RegisteredAt, view.Version);
        _logger.LogInformation("Challenger {Version} (registered {At:u}) runs in shadow on this silo", view.Version, view.RegisteredAt);
    }

    public ModelRegistry? Opened(string version)
    {
        lock (_sets)
        {
            if (_sets.TryGetValue(version, out var open))
                return open;
            var folder = Path.Combine(_folder, version);
            if (!File.Exists(Path.Combine(folder, ModelManifest.FileName)))
                return null;
            return _sets[version] = ModelRegistry.Load(folder); // fetched before this silo restarted
        }
    }

    public ModelRegistry Open(ModelFiles files)
    {
        lock (_sets)
        {
            if (Opened(files.Version) is { } open)
                return open;
            Directory.CreateDirectory(_folder);
            return _sets[files.Version] = ModelRegistry.Load(ModelFolder.Write(files, _folder));
        }
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
        lock (_sets)
            foreach (var set in _sets.Values)
                set.Dispose();
    }
}
