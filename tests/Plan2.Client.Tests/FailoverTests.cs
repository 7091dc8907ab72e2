using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Plan2.Abstractions.Operations;
using Plan2.Abstractions.Trading;
using Plan2.Hosting;
using Plan2.Tests.Shared;

namespace Plan2.Client.Tests;

/// <summary>
/// The SDK's client lives through a failover as the platform's own clients do (one definition, ClientFailover): same
/// gateway refresh and response timeout, order resends and read retries. A read whose answer is lost on the way back
/// is sent again; a write is left to its caller. The loss is played by a client call filter, the rest is real.
/// </summary>
[Collection(SdkClusterCollection.Name)]
public sealed class FailoverTests(SdkClusterFixture fixture)
{
    [Fact]
    public async Task SdkClient_HasThePlatformClientsTimeoutsAndFilters()
    {
        var (_, key) = await fixture.NewTenantAsync();
        await using var client = await fixture.ConnectAsync(key);
        using var platform = BuildPlatformClient();

        Assert.Equal(Settings(platform.Services), Settings(client.Services));
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)), Settings(client.Services)); // README "Failover"
        var filters = client.Services.GetServices<IOutgoingGrainCallFilter>().Select(f => f.GetType()).ToList();
        Assert.Contains(typeof(ReadRetryFilter), filters);
        Assert.Contains(typeof(OrderResendFilter), filters);
        Assert.Subset(filters.ToHashSet(), Failover(platform.Services).ToHashSet());
    }

    [Fact]
    public async Task SdkReadWhoseAnswerIsLost_IsSentAgain_AndAWriteIsNot()
    {
        var (_, key) = await fixture.NewTenantAsync();
        var loss = new LoseFirstAnswer();
        await using var client = await Plan2Client.ConnectAsync(fixture.Options(key), s => s.AddSingleton<IOutgoingGrainCallFilter>(loss), default);

        var account = await client.GetAccountAsync(); // IAccountGrain.GetAsync is [ReadOnly]

        Assert.Equal(100_000m, account!.Deposits);
        Assert.Equal(2, loss.Calls(nameof(IAccountGrain.GetAsync)));
        await Assert.ThrowsAsync<TimeoutException>(() => client.SetKillSwitchAsync(false)); // a write: not resent
        Assert.Equal(1, loss.Calls(nameof(IAccountGrain.SetKillSwitchAsync)));
    }

    private static (TimeSpan GatewayRefresh, TimeSpan ResponseTimeout) Settings(IServiceProvider services) =>
        (services.GetRequiredService<IOptions<GatewayOptions>>().Value.GatewayListRefreshPeriod,
         services.GetRequiredService<IOptions<ClientMessagingOptions>>().Value.ResponseTimeout);

    /// <summary>The platform client's failover filters (its others, dashboard and telemetry, are not the SDK's business).</summary>
    private static IEnumerable<Type> Failover(IServiceProvider services) =>
        services.GetServices<IOutgoingGrainCallFilter>().Select(f => f.GetType()).Where(t => t.Assembly == typeof(ClientFailover).Assembly);

    /// <summary>The web's and the other platform processes' client (AddPlan2Client in cluster mode), built, not started.</summary>
    private static IHost BuildPlatformClient()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Plan2:Mode"] = "Cluster",
            ["Plan2:ClusterId"] = "sdk-failover",
            ["Plan2:ServiceId"] = "sdk-failover",
            ["ConnectionStrings:Redis"] = "127.0.0.1:1",
            ["Plan2:DataDir"] = TestFolders.Create("plan2-sdk-failover-"),
        });
        builder.AddPlan2Client();
        return builder.Build();
    }

    /// <summary>Delivers each account method's first call and loses its answer, as a gateway dying mid-call does.</summary>
    private sealed class LoseFirstAnswer : IOutgoingGrainCallFilter
    {
        private readonly Dictionary<string, int> _calls = [];

        public int Calls(string method) { lock (_calls) return _calls.GetValueOrDefault(method); }

        public async Task Invoke(IOutgoingGrainCallContext context)
        {
            if (context.InterfaceMethod.DeclaringType != typeof(IAccountGrain))
            {
                await context.Invoke();
                return;
            }
            var method = context.InterfaceMethod.Name;
            int call;
            lock (_calls) call = _calls[method] = _calls.GetValueOrDefault(method) + 1;
            await context.Invoke();
            if (call == 1)
                throw new TimeoutException($"The answer to {method} was lost (test).");
        }
    }
}
