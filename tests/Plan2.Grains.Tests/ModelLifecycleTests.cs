using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.TestingHost;
using Plan2.Abstractions.Predictions;
using Plan2.Hosting.Predictions;

namespace Plan2.Grains.Tests;

/// <summary>The cluster's one model lifecycle: retrained once, served by every silo, its log kept.</summary>
[Collection(ClusterCollection.Name)]
public class ModelLifecycleTests(ClusterFixture fixture)
{
    private IEnumerable<InProcessSiloHandle> Silos => fixture.Cluster.Silos.Cast<InProcessSiloHandle>();

    private static IModelLifecycleGrain Lifecycle(IGrainFactory grains) => grains.GetGrain<IModelLifecycleGrain>(IModelLifecycleGrain.Key);

    [Fact]
    public async Task ARetrainedChallenger_IsServedByEverySilo_FromTheFilesTheLifecycleKeeps()
    {
        var version = await Lifecycle(fixture.Cluster.GrainFactory).RetrainNowAsync();
        Assert.NotNull(version);
        var view = await Lifecycle(fixture.Cluster.GrainFactory).GetChallengerAsync();
        Assert.Equal(version, view!.Version);

        var served = new List<(string Version, DateTimeOffset? Since, string Folder)>();
        foreach (var silo in Silos)
        {
            var models = silo.SiloHost.Services.GetRequiredService<ModelSource>();
            await models.SyncChallengerAsync(Lifecycle(silo.SiloHost.Services.GetRequiredService<IGrainFactory>()));
            served.Add((models.Challenger!.Version, models.ChallengerSince, models.Challenger.Folder));
        }

        Assert.Equal(2, served.Count);
        Assert.All(served, s => Assert.StartsWith(version + "@", s.Version));
        Assert.All(served, s => Assert.Equal(view.RegisteredAt, s.Since)); // every silo scores it from the same moment
        Assert.Equal(2, served.Select(s => s.Folder).Distinct().Count()); // each silo its own copy of the files
        Assert.All(served, s => Assert.True(File.Exists(Path.Combine(s.Folder, "lstm.onnx"))));
    }

    [Fact]
    public async Task TheChallengerAndThePromotionLog_OutliveTheLifecycleActivation()
    {
        var lifecycle = Lifecycle(fixture.Cluster.GrainFactory);
        var version = await lifecycle.RetrainNowAsync();
        var scope = "L" + Guid.NewGuid().ToString("n")[..8] + "/M1";
        await lifecycle.RecordPromotionAsync(new PromotionEntry(DateTimeOffset.UtcNow, scope, "shipped@1", version!, "Keep", "no edge", 1440, 0.0001));
        for (var i = 0; i < 100 && !(await lifecycle.GetPromotionsAsync(1000)).Any(p => p.Scope == scope); i++)
            await Task.Delay(20);

        await lifecycle.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(200);

        Assert.Equal(version, (await lifecycle.GetChallengerAsync())!.Version);
        var entry = Assert.Single(await lifecycle.GetPromotionsAsync(1000), p => p.Scope == scope);
        Assert.Equal(("Keep", 1440), (entry.Outcome, entry.Pairs));
        Assert.Equal(version, (await lifecycle.GetModelFilesAsync(version!))!.Version);
        Assert.Null(await lifecycle.GetModelFilesAsync("challenger-that-never-was"));
    }

    [Fact]
    public async Task EverySiloAsksForTheSchedule_OneReminderRetrainsForTheCluster()
    {
        foreach (var silo in Silos)
            await Lifecycle(silo.SiloHost.Services.GetRequiredService<IGrainFactory>()).ScheduleAsync(TimeSpan.FromDays(1));

        var table = Silos.First().SiloHost.Services.GetRequiredService<IReminderTable>();
        var id = ((GrainReference)Lifecycle(fixture.Cluster.GrainFactory)).GrainId;
        var rows = (await table.ReadRows(id)).Reminders;
        var reminder = Assert.Single(rows);
        Assert.Equal(("retrain", TimeSpan.FromDays(1)), (reminder.ReminderName, reminder.Period));

        await Lifecycle(fixture.Cluster.GrainFactory).ScheduleAsync(TimeSpan.Zero);
        Assert.Empty((await table.ReadRows(id)).Reminders);
    }

    [Fact]
    public async Task AModelSetWithoutItsFiles_IsRefused()
    {
        var files = new Dictionary<string, byte[]> { ["manifest.json"] = File.ReadAllBytes(Path.Combine(Plan2.Ml.Serving.ModelRegistry.Find(null)!, "manifest.json")) };

        await Assert.ThrowsAsync<ArgumentException>(() => Lifecycle(fixture.Cluster.GrainFactory).RegisterChallengerAsync(new ModelFiles("challenger-broken", files)));
    }
}
