using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;
using Plan2.Abstractions.Configuration;
using Plan2.Abstractions.Identity;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;
using Plan2.Grains;
using Plan2.Hosting;
using Plan2.Hosting.Trading;
using Plan2.Web.Identity;
using Plan2.Web.Services;
using Plan2.Web.Services.Trading;

namespace Plan2.Web.Tests.Pages;

/// <summary>
/// The trading page's strategy switch on real grains (a one-silo TestCluster): each switch is a configuration
/// change like the bot's /strategy, a version in the setting's history with the user who made it.
/// </summary>
public sealed class StrategyToggleTests : OneSiloClusterTest<StrategyToggleTests.Silo>
{
    [Fact]
    public async Task Toggle_WritesAConfigVersion_WithItsUser_AndAppliesIt()
    {
        var tenant = "t" + Guid.NewGuid().ToString("n")[..8];
        var trader = DashboardUser.From(DashboardPrincipal.Create(
            new UserAccountView(tenant, "u-7", "trader@acme.test", UserRole.Trader, MustChangePassword: false, TotpEnabled: false, DateTimeOffset.UnixEpoch)));
        var desk = new TradingDeskService(Cluster.Client, trader, new PaperAccountDefaults());
        var config = Cluster.Client.GetGrain<IConfigGrain>($"{tenant}/strategy/main/{TradingDeskService.StrategyId}/EURUSD");
        var strategy = Cluster.Client.GetGrain<IStrategyGrain>($"{tenant}/main/{TradingDeskService.StrategyId}/EURUSD");

        await desk.SetStrategyEnabledAsync("EURUSD", null, false);
        await desk.SetStrategyEnabledAsync("EURUSD", (await strategy.GetAsync()).Config, true);

        var history = await config.GetHistoryAsync();
        Assert.Equal([(false, "user:u-7"), (true, "user:u-7")], history.Select(v => (v.Value.Strategy!.Enabled, v.ChangedBy)));
        Assert.All(history, v => Assert.Contains("dashboard", v.Note));
        Assert.True((await strategy.GetAsync()).Config!.Enabled);
    }

    public sealed class Silo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo
            .AddMemoryGrainStorage(StorageNames.GrainState)
            .ConfigureServices(s =>
            {
                s.AddSingleton(TimeProvider.System);
                s.AddPlan2Trading(HostingMode.Embedded, new ConfigurationBuilder().Build());
            });
    }
}
