using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Plan2.Hosting;
using Plan2.Tests.Shared;

namespace Plan2.Integration.Tests.Faults;

/// <summary>
/// The membership, gateway and messaging values the README documents ("Failover: killed and hung silos") are the ones the
/// silo and client hosts apply (AddPlan2Silo, AddPlan2Client in cluster mode). Changing one means changing the README's
/// reasoning too: these literals are that table. Hosts are built, not started: nothing connects.
/// </summary>
public sealed class FailoverSettingsTests
{
    [Fact]
    public void ClusterSilo_AppliesTheDocumentedMembershipAndMessagingValues()
    {
        using var host = Build(b => b.AddPlan2Silo());

        var membership = host.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(1), membership.ProbeTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(300), membership.MinProbeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), membership.MaxProbeTimeout);
        Assert.Equal(2, membership.NumMissedProbesLimit);
        Assert.Equal(2, membership.NumVotesForDeathDeclaration);
        Assert.Equal(TimeSpan.FromSeconds(30), membership.DeathVoteExpirationTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), membership.TableRefreshTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), membership.IAmAliveTablePublishTimeout);
        // The safeguards against evicting a slow but live silo stay on (Orleans' defaults, relied on by the README).
        Assert.True(membership.EnableIndirectProbes);
        Assert.True(membership.ExtendProbeTimeoutDuringDegradation);
        Assert.True(membership.EnableConnectionLivenessCheck);
        Assert.Equal(TimeSpan.FromSeconds(10), host.Services.GetRequiredService<IOptions<SiloMessagingOptions>>().Value.ResponseTimeout);
    }

    [Fact]
    public void PlatformClient_AppliesTheDocumentedGatewayAndMessagingValues()
    {
        using var host = Build(b => b.AddPlan2Client());

        Assert.Equal(TimeSpan.FromSeconds(1), host.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.GatewayListRefreshPeriod);
        Assert.Equal(TimeSpan.FromSeconds(10), host.Services.GetRequiredService<IOptions<ClientMessagingOptions>>().Value.ResponseTimeout);
    }

    private static IHost Build(Action<IHostApplicationBuilder> add)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Plan2:Mode"] = "Cluster",
            ["Plan2:ClusterId"] = "settings",
            ["Plan2:ServiceId"] = "settings",
            ["ConnectionStrings:Redis"] = "127.0.0.1:1",
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Username=nobody",
            ["Plan2:DataDir"] = TestFolders.Create("plan2-settings-"),
            ["Plan2:Bridge:Port"] = "0",
        });
        add(builder);
        return builder.Build();
    }
}
