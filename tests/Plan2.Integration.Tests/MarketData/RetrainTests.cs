using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Plan2.Core.MarketData;
using Plan2.Hosting.MarketData;
using Plan2.Hosting.Predictions;
using Plan2.Integration.Tests.Infrastructure;

namespace Plan2.Integration.Tests.MarketData;

/// <summary>Continuous learning in a real silo: stored history → the plan2 trainer process → a registered challenger.</summary>
public sealed class RetrainTests() : RealSiloTest("retrain")
{
    [Fact]
    public async Task RetrainOnce_TrainsTheTreeModelsOnStoredHistory_AndRegistersThemAsChallenger()
    {
        var store = Silo.Services.GetRequiredService<TickStoreService>();
        await store.Store.AppendCandlesAsync("USDCHF", Timeframe.M1, History("USDCHF_M1.csv", 6_000));
        var retrain = Silo.Services.GetRequiredService<RetrainService>();
        var models = Silo.Services.GetRequiredService<ModelSource>();

        var folder = await retrain.RetrainOnceAsync(CancellationToken.None);

        Assert.NotNull(folder);
        Assert.NotNull(models.Challenger);
        Assert.Equal(folder, models.Challenger.Folder);
        Assert.Equal(["lightgbm", "random_forest", "xgboost"], models.Challenger.Manifest.Models.Select(m => m.Kind).Order());
        Assert.All(models.Challenger.Manifest.Models, m => Assert.StartsWith("2021-01", m.TrainingWindow)); // the stored USDCHF bars
    }

    private static Candle[] History(string file, int bars)
    {
        var path = Path.Combine(RepoPaths.Root, "..", "shared", "data", "mt-m1-2021", file);
        return File.ReadLines(path).Take(bars).Select(line =>
        {
            var f = line.Split(',');
            var time = DateTime.ParseExact(f[0], "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            return new Candle(new DateTimeOffset(time).ToUnixTimeMilliseconds(), Price.Parse(f[1]), Price.Parse(f[2]), Price.Parse(f[3]), Price.Parse(f[4]), long.Parse(f[5]));
        }).ToArray();
    }
}
