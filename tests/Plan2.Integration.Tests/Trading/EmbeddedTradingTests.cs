using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;
using Plan2.Hosting;
using Plan2.Integration.Tests.Infrastructure;

namespace Plan2.Integration.Tests.Trading;

/// <summary>The embedded platform as the web process hosts it: an order placed there fills on the paper broker and moves the account.</summary>
public sealed class EmbeddedTradingTests
{
    [Fact]
    public async Task OrderInTheEmbeddedPlatform_FillsOnPaper_AndMovesTheAccount()
    {
        var dataDir = Directory.CreateTempSubdirectory("plan2-embedded-").FullName;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Plan2:Mode"] = "Embedded",
            ["Plan2:SiloPort"] = FreePort.Next().ToString(),
            ["Plan2:GatewayPort"] = FreePort.Next().ToString(),
            ["Plan2:DataDir"] = dataDir,
            ["Plan2:Bridge:Port"] = "0",
            ["Plan2:Replay:Enabled"] = "false",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddPlan2Silo();
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            await grains.GetGrain<ITenantGrain>("acme").CreateAsync(new CreateTenant("Acme", "alice"));
            var account = grains.GetGrain<IAccountGrain>("acme/main");
            await account.OpenAsync(new OpenAccount("USD", PositionMode.Netting, 10_000m, Actor.User("alice")));
            var replayed = new DateTimeOffset(2021, 3, 1, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(); // as the replay feed stamps them
            await grains.GetGrain<IInstrumentGrain>("USDCHF").PublishTicksAsync(new TickBatch("USDCHF", 1, [replayed], [0.90000], [0.90020], Record: false));

            var outcome = await account.PlaceOrderAsync(new PlaceOrder("first", "USDCHF", TradeSide.Sell, 0.1m, Actor.User("alice")));
            var view = (await account.GetAsync())!;

            Assert.Equal((OrderState.Filled, 0.90000m), (outcome.Order!.State, outcome.Order.AverageFillPrice));
            var position = Assert.Single(view.Positions);
            Assert.Equal(("USDCHF", TradeSide.Sell, 0.1m), (position.Symbol, position.Side, position.Quantity));
            // Short at the bid, marked at the ask: 2 pips of 0.1 lot is 2 CHF, in USD through USDCHF's mid 0.9001.
            Assert.Equal(-2.22m, view.UnrealizedPnl);
        }
        finally
        {
            await host.StopAsync();
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
