using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting;
using Orleans.TestingHost;
using Plan2.Grains;
using Plan2.Grains.Diagnostics;
using Plan2.Grains.MarketData;
using Plan2.Grains.Predictions;
using Plan2.Hosting;
using Plan2.Hosting.MarketData;
using Plan2.Hosting.Predictions;
using Plan2.Hosting.Trading;
using Plan2.Tests.Shared;

namespace Plan2.Telegram.Tests;

/// <summary>
/// A one-silo TestCluster with the real trading, market and prediction grains; the fake Bot API; and the
/// bot itself hosted by AddPlan2Telegram exactly as web hosts it, pointed at the fake through Telegram:ApiBaseUrl.
/// </summary>
public sealed class BotFixture : IAsyncLifetime
{
    public static readonly TimeSpan ConfirmationLifetime = TimeSpan.FromSeconds(4);

    public TestCluster Cluster { get; } = new TestClusterBuilder(1).AddSiloBuilderConfigurator<SiloConfigurator>().Build();
    public FakeBotApi Api { get; } = new();
    public IHost Bot { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Cluster.DeployAsync(), Api.StartAsync());
        await StartBotAsync();
    }

    /// <summary>Stops the bot's host (as a web process stopping would) and leaves it stopped.</summary>
    public async Task StopBotAsync()
    {
        await Bot.StopAsync();
        Bot.Dispose();
    }

    /// <summary>Starts a new bot host, as web does, and waits until it has introduced itself to the Bot API.</summary>
    public async Task StartBotAsync()
    {
        var mark = Api.CallCount;
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = "123456:TEST-TOKEN",
            ["Telegram:ApiBaseUrl"] = Api.BaseUrl,
            ["Telegram:PollTimeout"] = "00:00:02",
            ["Telegram:ConfirmationLifetime"] = ConfirmationLifetime.ToString(),
            ["Telegram:ErrorBackoff"] = "00:00:00.300",
            ["Telegram:OutboxPollInterval"] = "00:00:00.100",
            ["Telegram:ChatInterval"] = "00:00:00.200",
        });
        builder.Services.AddSingleton<IGrainFactory>(Cluster.Client);
        builder.Services.AddErrorDnaCollection(); // as ClientHosting gives the web and bot processes: their Error logs reach ErrorDNA
        builder.AddPlan2Telegram();
        Bot = builder.Build();
        await Bot.StartAsync();
        await Api.WaitForAsync(mark, c => c.Method == "setMyCommands"); // the bot is up and has said who it is
    }

    public async Task DisposeAsync()
    {
        await Bot.StopAsync();
        Bot.Dispose();
        await Api.DisposeAsync();
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    internal sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo
            .AddMemoryGrainStorage(StorageNames.GrainState)
            .AddMemoryGrainStorage(StreamNames.PubSubStore)
            .AddMemoryStreams(StreamNames.Provider)
            .UseInMemoryReminderService()
            .AddIncomingGrainCallFilter<TenantContextRecorder>()
            .ConfigureServices(s =>
            {
                s.AddSingleton<ModelSource>(); // the shipped onnx-models, found above the test's folder
                s.AddSingleton<IModelSource>(sp => sp.GetRequiredService<ModelSource>());
                s.AddSingleton<PredictionPublisher>();
                s.AddSingleton<IPredictionPublisher>(sp => sp.GetRequiredService<PredictionPublisher>());
                s.AddHostedService(sp => sp.GetRequiredService<PredictionPublisher>());
                s.AddSingleton(TimeProvider.System);
                s.AddPlan2Trading(HostingMode.Embedded, new ConfigurationBuilder().Build());
                s.AddSingleton(new MarketDataOptions { DataDir = TestFolders.Create("plan2-telegram-") });
                s.AddSingleton<TickStoreService>();
                s.AddSingleton<ITickRecorder>(sp => sp.GetRequiredService<TickStoreService>());
                s.AddSingleton<IInstrumentHistory>(sp => sp.GetRequiredService<TickStoreService>());
                s.AddHostedService(sp => sp.GetRequiredService<TickStoreService>());
            });
    }
}

[CollectionDefinition(Name)]
public sealed class BotCollection : ICollectionFixture<BotFixture>
{
    public const string Name = "bot";
}
