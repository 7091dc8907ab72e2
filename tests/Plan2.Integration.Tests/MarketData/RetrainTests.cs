using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Plan2.Abstractions.Predictions;
using Plan2.Core.MarketData;
using Plan2.Hosting.MarketData;
using Plan2.Hosting.Predictions;
using Plan2.Integration.Tests.Infrastructure;

namespace Plan2.Integration.Tests.MarketData;

/// <summary>Continuous learning in a real silo: stored history → the plan2 trainer process → a registered challenger.</summary>
public sealed class RetrainTests() : RealSiloTest("retrain")
{
    [Fact]
    public async Task RetrainNow_TrainsTheTreeModelsOnStoredHistory_AndEverySiloCanServeThemAsChallenger()
    {
        var store = Silo.Services.GetRequiredService<TickStoreService>();
        await store.Store.AppendCandlesAsync("USDCHF", Timeframe.M1, History("USDCHF_M1.csv", 6_000));
        var lifecycle = Silo.Grains.GetGrain<IModelLifecycleGrain>(IModelLifecycleGrain.Key);
        var models = Silo.Services.GetRequiredService<ModelSource>();

        var version = await lifecycle.RetrainNowAsync();
        await models.SyncChallengerAsync(lifecycle);

        Assert.NotNull(version);
        Assert.NotNull(models.Challenger);
        Assert.StartsWith(version + "@", models.Challenger.Version);
        Assert.Equal(["lightgbm", "random_forest", "xgboost"], models.Challenger.Manifest.Models.Select(m => m.Kind).Order());
        Assert.All(models.Challenger.Manifest.Models, m => Assert.StartsWith("2021-01", m.TrainingWindow)); // the stored USDCHF bars
        var files = await lifecycle.GetModelFilesAsync(version);
        Assert.Equal(["lightgbm.onnx", "manifest.json", "random_forest.onnx", "xgboost.onnx"], files!.Files.Keys.Order());
    }

    private static Candle[] History(string file, int bars)
    {
        var path = Path.Combine(Plan2.MarketData.Replay.SharedHistory.Find() ?? throw new InvalidOperationException("shared/data not found"), "mt-m1-2021", file);
        return File.ReadLines(path).Take(bars).Select(line =>
        {
            var f = line.Split(',');
            var time = DateTime.ParseExact(f[0], "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            return new Candle(new DateTimeOffset(time).ToUnixTimeMilliseconds(), Price.Parse(f[1]), Price.Parse(f[2]), Price.Parse(f[3]), Price.Parse(f[4]), long.Parse(f[5]));
        }).ToArray();
    }
}
