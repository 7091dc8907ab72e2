using Microsoft.Extensions.DependencyInjection;
using Plan2.Abstractions.Predictions;
using Plan2.Grains.Predictions;
using Plan2.Hosting.Predictions;
using Plan2.Integration.Tests.Infrastructure;

namespace Plan2.Integration.Tests.Postgres;

/// <summary>The cluster's model lifecycle as grain state and a reminder in a real PostgreSQL.</summary>
public sealed class ModelLifecycleStateTests() : DatabaseTest("lifecycle")
{
    private static ModelFiles ShippedAs(string version) =>
        ModelFolder.Read(Path.Combine(RepoPaths.Root, "onnx-models")) with { Version = version };

    [Fact]
    public async Task TheChallenger_ItsFiles_AndThePromotionLog_SurviveASiloRestart_AndTheNewSiloServesIt()
    {
        var version = "challenger-" + Guid.NewGuid().ToString("n")[..8];
        var shipped = ShippedAs(version);
        ChallengerView registered;
        await using (var first = await InProcessSilo.StartAsync(ClusterId, Db))
        {
            var lifecycle = first.Grains.GetGrain<IModelLifecycleGrain>(IModelLifecycleGrain.Key);
            registered = await lifecycle.RegisterChallengerAsync(shipped);
            await lifecycle.RecordPromotionAsync(new PromotionEntry(registered.RegisteredAt, "EURUSD/M1", "shipped@1", version, "Promote", "better", 1440, -0.002));
            for (var i = 0; i < 100 && (await lifecycle.GetPromotionsAsync(10)).Count == 0; i++)
                await Task.Delay(20);
            await first.StopAsync();
        }

        await using var second = await InProcessSilo.StartAsync(ClusterId, Db);
        var again = second.Grains.GetGrain<IModelLifecycleGrain>(IModelLifecycleGrain.Key);

        Assert.Equal(registered, await again.GetChallengerAsync());
        var files = await again.GetModelFilesAsync(version);
        Assert.Equal(shipped.Files.Keys.Order(), files!.Files.Keys.Order());
        Assert.All(shipped.Files, f => Assert.Equal(f.Value, files.Files[f.Key]));
        var promotion = Assert.Single(await again.GetPromotionsAsync(10));
        Assert.Equal(("EURUSD/M1", "Promote", 1440, -0.002), (promotion.Scope, promotion.Outcome, promotion.Pairs, promotion.MeanLossDifference));
        Assert.Equal(version, await again.GetChampionAsync("EURUSD/M1")); // promoted there: its champion from now on
        await again.RegisterChallengerAsync(ShippedAs(version + "-next"));
        Assert.NotNull(await again.GetModelFilesAsync(version)); // a champion's files stay while a newer challenger runs
        var models = second.Services.GetRequiredService<ModelSource>();
        await models.SyncChallengerAsync(again); // a silo that never saw the training serves the challenger
        Assert.StartsWith(version + "-next@", models.Challenger!.Version);
        Assert.StartsWith(version + "@", models.Open((await again.GetModelFilesAsync(version))!).Version);
        // The retraining schedule is a reminder in PostgreSQL: one for the cluster, whichever silos asked for it.
        var reminders = await second.Services.GetRequiredService<IReminderTable>().ReadRows(((GrainReference)again).GrainId);
        Assert.Equal("retrain", reminders.Reminders.Single().ReminderName);
    }
}
