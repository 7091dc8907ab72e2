using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Plan2.Grains.Predictions;
using Plan2.Hosting.MarketData;
using Plan2.Ml.Lifecycle;
using Plan2.Ml.Serving;

namespace Plan2.Hosting.Predictions;

/// <summary>Loads the shipped models once per silo (Plan2:Models:Folder, else onnx-models found above the app).</summary>
public sealed class ModelSource : IModelSource, IDisposable
{
    private readonly Lazy<ModelRegistry?> _registry;
    private readonly ILogger<ModelSource> _logger;
    private readonly TimeProvider _clock;

    public ModelSource(IConfiguration configuration, MarketDataOptions data, ILogger<ModelSource> logger, TimeProvider clock)
    {
        _logger = logger;
        _clock = clock;
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
    /// Registers a new challenger. The previous one is not disposed: a predictor may have promoted it and
    /// still serve with it (a few MB of ONNX sessions per retraining).
    /// </summary>
    public void SetChallenger(string folder) => (Challenger, ChallengerSince) = (ModelRegistry.Load(folder), _clock.GetUtcNow());

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
