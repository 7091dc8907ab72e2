using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;
using Plan2.Grains;
using Plan2.Grains.Diagnostics;
using Plan2.Grains.Identity;
using Plan2.Grains.MarketData;
using Plan2.Hosting.MarketData;
using Plan2.Hosting.Predictions;
using Plan2.Grains.Predictions;
using Plan2.Hosting;
using Plan2.Grains.Trading.Journal;
using Plan2.Hosting.Trading;
using Plan2.Tests.Shared;

namespace Plan2.Grains.Tests;

/// <summary>One in-process two-silo TestCluster shared by the grain tests; each test uses its own keys.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; } = new TestClusterBuilder(2)
        .AddSiloBuilderConfigurator<SiloConfigurator>()
        .AddClientBuilderConfigurator<ClientConfigurator>()
        .Build();

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    internal sealed class SiloConfigurator : ISiloConfigurator
    {
        /// <summary>The journal every silo of a test cluster shares (keys are unique per test, so clusters can share it too).</summary>
        internal static readonly Trading.AnswerLostJournal SharedJournal = new(new MemoryOrderJournal());

        // Each silo gets a real embedded tick store of its own, as a silo process would.
        public void Configure(ISiloBuilder silo) => silo
            .AddMemoryGrainStorage(StorageNames.GrainState)
            .ConfigureServices(s => Operations.FaultyGrainStorage.Decorate(s, StorageNames.GrainState)) // store faults on demand for the grains a test names
            .AddMemoryGrainStorage(StreamNames.PubSubStore)
            .AddMemoryStreams(StreamNames.Provider)
            .UseInMemoryReminderService()
            .Configure<Orleans.Hosting.ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1)) // paper books and trailing stops wake every 2 s here
            .AddTenantIsolation()
            .AddErrorDna()
            .AddIncomingGrainCallFilter<Trading.HeldQuotes>() // holds quote reads only for the test that asks
            .AddIncomingGrainCallFilter<Trading.LostPlacementAnswers>() // loses placement answers only of the orders a test names
            .ConfigureServices(s =>
            {
                s.AddSingleton<ModelSource>(); // the shipped onnx-models, found above the test's folder
                s.AddSingleton<IModelSource>(sp => sp.GetRequiredService<ModelSource>());
                s.AddSingleton<IChallengerTrainer, ShippedModelsTrainer>();
                s.AddSingleton<PredictionPublisher>();
                s.AddSingleton<IPredictionPublisher>(sp => sp.GetRequiredService<PredictionPublisher>());
                s.AddHostedService(sp => sp.GetRequiredService<PredictionPublisher>());
                s.AddSingleton(TimeProvider.System);
                // Five lots per quote and side: larger orders fill in parts, the rest resting at the paper broker.
                s.AddPlan2Trading(HostingMode.Embedded, new Microsoft.Extensions.Configuration.ConfigurationBuilder()
                    .AddInMemoryCollection(new Dictionary<string, string?> { ["Plan2:Paper:DepthPerQuote"] = "5", ["Plan2:Trading:WakeEvery"] = "00:00:02" }).Build());
                // One journal for the whole cluster, as PostgreSQL is in a real one: a closed order leaves memory, and
                // whichever silo activates it next rebuilds it from this journal.
                s.AddSingleton<IOrderJournal>(SharedJournal);
                s.AddSingleton(new MarketDataOptions { DataDir = TestFolders.Create("plan2-grains-") });
                s.AddSingleton<TickStoreService>();
                s.AddSingleton<ITickRecorder>(sp => new HeldTickRecorder(sp.GetRequiredService<TickStoreService>())); // held only for the symbol a test names
                s.AddSingleton<IInstrumentHistory>(sp => sp.GetRequiredService<TickStoreService>());
                s.AddHostedService(sp => sp.GetRequiredService<TickStoreService>());
            });
    }
}

/// <summary>
/// Stands in for the plan2 trainer process (RetrainTests in the integration tests run the real one): each
/// "training" yields a copy of the shipped models under a new version, so the lifecycle around it is tested.
/// </summary>
public sealed class ShippedModelsTrainer : IChallengerTrainer
{
    public Task<string?> TrainAsync(CancellationToken ct)
    {
        var shipped = Plan2.Ml.Serving.ModelRegistry.Find(null) ?? throw new InvalidOperationException("onnx-models not found");
        var folder = Path.Combine(TestFolders.Create("plan2-trained-"), $"challenger-{Guid.NewGuid():n}");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(shipped))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        return Task.FromResult<string?>(folder);
    }
}

public sealed class ClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder client) =>
        client.AddMemoryStreams(StreamNames.Provider);
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
