using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;
using Plan2.Ml;
using Plan2.Ml.Serving;

namespace Plan2.Web.Services.Insights;

/// <summary>What the AI insights page shows for one instrument, read from the predictor, the instrument and the model lifecycle.</summary>
public sealed record InstrumentInsights(
    string Symbol,
    IReadOnlyList<ResolvedPrediction> History,
    IReadOnlyList<CalibrationBucket> Calibration,
    ChallengerView? Challenger,
    string? PromotedChampion,
    IReadOnlyList<PromotionEntry> Promotions);

public sealed class InsightsService
{
    public const int HistoryLength = 200;
    private readonly IGrainFactory _grains;
    private readonly Lazy<string?> _modelsFolder;
    private readonly Lazy<ModelManifest?> _shipped;

    public InsightsService(IGrainFactory grains, IConfiguration configuration)
    {
        _grains = grains;
        _modelsFolder = new(() => ModelRegistry.Find(configuration["Plan2:Models:Folder"]));
        _shipped = new(() => Manifest(_modelsFolder.Value)); // the folder found once serves the pictures and the manifest
    }

    public async Task<InstrumentInsights> GetAsync(string symbol)
    {
        var scope = $"{symbol}/M1";
        var predictions = _grains.GetGrain<IPredictorGrain>(scope).GetRecentAsync(HistoryLength);
        var snapshot = _grains.GetGrain<IInstrumentGrain>(symbol).GetSnapshotAsync(HistoryLength + PredictionOutcomes.Horizon + 10);
        var lifecycle = _grains.GetGrain<IModelLifecycleGrain>(IModelLifecycleGrain.Key);
        var challenger = lifecycle.GetChallengerAsync();
        var champion = lifecycle.GetChampionAsync(scope);
        var promotions = lifecycle.GetPromotionsAsync(20);
        await Task.WhenAll(predictions, snapshot, challenger, champion, promotions);
        var bars = snapshot.Result.RecentBars.TryGetValue("M1", out var m1) ? m1 : [];
        var history = PredictionOutcomes.Resolve(predictions.Result, bars);
        return new InstrumentInsights(symbol, history, PredictionOutcomes.Calibration(history), challenger.Result, champion.Result,
            [.. promotions.Result.Where(p => p.Scope == scope || !p.Scope.Contains('/'))]);
    }

    /// <summary>The shipped models' manifest (for their training days); null when it cannot be read.</summary>
    public ModelManifest? ShippedManifest => _shipped.Value;

    private static ModelManifest? Manifest(string? folder)
    {
        try
        {
            return folder is null ? null : ModelManifest.Load(folder);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            return null; // the page then shows no caveat: the models' own loading reports a broken folder
        }
    }

    /// <summary>The model report's pictures (PNG files beside report.md in the champion models' folder).</summary>
    public IReadOnlyList<string> ReportPictures() =>
        _modelsFolder.Value is { } folder && Directory.Exists(folder)
            ? [.. Directory.EnumerateFiles(folder, "*.png").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)]
            : [];

    /// <summary>The full path of a report picture, only for a plain PNG file name inside the models folder.</summary>
    public string? PicturePath(string name) =>
        _modelsFolder.Value is { } folder && name.EndsWith(".png", StringComparison.OrdinalIgnoreCase) && Path.GetFileName(name) == name
            && File.Exists(Path.Combine(folder, name)) ? Path.Combine(folder, name) : null;
}
