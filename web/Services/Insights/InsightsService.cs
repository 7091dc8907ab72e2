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

public sealed class InsightsService(IGrainFactory grains, IConfiguration configuration)
{
    public const int HistoryLength = 200;
    private readonly Lazy<string?> _modelsFolder = new(() => ModelRegistry.Find(configuration["Plan2:Models:Folder"]));

    public async Task<InstrumentInsights> GetAsync(string symbol)
    {
        var scope = $"{symbol}/M1";
        var predictions = grains.GetGrain<IPredictorGrain>(scope).GetRecentAsync(HistoryLength);
        var snapshot = grains.GetGrain<IInstrumentGrain>(symbol).GetSnapshotAsync(HistoryLength + PredictionOutcomes.Horizon + 10);
        var lifecycle = grains.GetGrain<IModelLifecycleGrain>(IModelLifecycleGrain.Key);
        var challenger = lifecycle.GetChallengerAsync();
        var champion = lifecycle.GetChampionAsync(scope);
        var promotions = lifecycle.GetPromotionsAsync(20);
        await Task.WhenAll(predictions, snapshot, challenger, champion, promotions);
        var bars = snapshot.Result.RecentBars.TryGetValue("M1", out var m1) ? m1 : [];
        var history = PredictionOutcomes.Resolve(predictions.Result, bars);
        return new InstrumentInsights(symbol, history, PredictionOutcomes.Calibration(history), challenger.Result, champion.Result,
            [.. promotions.Result.Where(p => p.Scope == scope || !p.Scope.Contains('/'))]);
    }

    private readonly Lazy<TrainingWindow?> _shippedWindow = new(() => ShippedWindow(ModelRegistry.Find(configuration["Plan2:Models:Folder"])));

    /// <summary>The days the shipped models were trained on, from their manifest; null when it cannot be read.</summary>
    public TrainingWindow? ShippedTrainingWindow => _shippedWindow.Value;

    private static TrainingWindow? ShippedWindow(string? folder)
    {
        try
        {
            return folder is null ? null : TrainingWindow.Parse(ModelManifest.Load(folder).Models.FirstOrDefault()?.TrainingWindow);
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
