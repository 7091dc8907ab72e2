using Plan2.Abstractions.Identity;
using Plan2.Abstractions.Diagnostics;
using Plan2.Abstractions.Telegram;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;

namespace Plan2.Grains.Tests.Diagnostics;

[Collection(ClusterCollection.Name)]
public class ErrorDnaGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Cluster.Client;
    private IErrorDnaGrain Dna => Grains.GetGrain<IErrorDnaGrain>(IErrorDnaGrain.Key);

    private static ErrorReport Report(string id, long count, string tenant = "acme", string grain = "account/acme/main") =>
        new(id, "System.InvalidOperationException", "Account '<v>' is not open.", ["Plan2.Grains.X.Y"], "Account 'acme/main' is not open.",
            count, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, [grain], [tenant], ["grain call"]);

    [Fact]
    public async Task Reports_OfOneFingerprint_AddUp_WithGrainsAndTenants()
    {
        var id = Guid.NewGuid().ToString("n")[..16];
        await Dna.ReportAsync([Report(id, 2, "acme", "account/acme/main")]);
        await Dna.ReportAsync([Report(id, 3, "zeta", "account/zeta/main")]);

        var group = (await Dna.GetAllAsync()).Groups.Single(g => g.FingerprintId == id);
        Assert.Equal(5, group.Count);
        Assert.Equal(["acme", "zeta"], group.Tenants);
        Assert.Equal(["account/acme/main", "account/zeta/main"], group.Grains);
        Assert.Equal(5, group.InWindow);
        Assert.True(group.FirstSeen <= group.LastSeen);
    }

    [Fact]
    public async Task Spike_IsListed_AndQueuedForLinkedAdminsOnly()
    {
        var tenant = "dna-" + Guid.NewGuid().ToString("n")[..8];
        var directory = Grains.GetGrain<ITelegramDirectoryGrain>(ITelegramDirectoryGrain.Key);
        var adminChat = Random.Shared.NextInt64(1_000_000, long.MaxValue / 2);
        var (traderChat, tenantAdminChat) = (adminChat + 1, adminChat + 2);
        await directory.RedeemAsync((await directory.IssueCodeAsync(Plan2Claims.PlatformTenant, "ada-" + tenant, UserRole.Admin)).Code, adminChat);
        await directory.RedeemAsync((await directory.IssueCodeAsync(tenant, "tom", UserRole.Trader)).Code, traderChat);
        await directory.RedeemAsync((await directory.IssueCodeAsync(tenant, "tia", UserRole.Admin)).Code, tenantAdminChat);
        var id = Guid.NewGuid().ToString("n")[..16];

        var quiet = await Dna.ReportAsync([Report(id, 9)]);
        var spikes = await Dna.ReportAsync([Report(id, 1)]);

        Assert.Empty(quiet);
        var spike = Assert.Single(spikes);
        Assert.Equal(10, spike.InWindow);
        Assert.Contains(id, spike.Text, StringComparison.Ordinal);
        Assert.Contains((await Dna.GetAllAsync()).RecentSpikes, s => s.FingerprintId == id);
        Assert.Equal(spike, await Dna.GetLatestSpikeAsync()); // what the dashboard's banner polls
        var queued = await Grains.GetGrain<ITelegramOutboxGrain>(ITelegramOutboxGrain.Key).PeekAsync(10_000, "dna-test-" + id);
        var told = Assert.Single(queued, m => m.Message.ChatId == adminChat && m.Message.Text.Contains(id, StringComparison.Ordinal));
        Assert.Equal(NotificationKind.PlatformErrors, told.Message.Kind);
        Assert.DoesNotContain(queued, m => m.Message.ChatId == traderChat);
        Assert.DoesNotContain(queued, m => m.Message.ChatId == tenantAdminChat); // a tenant admin is not told other tenants' errors
        await Grains.GetGrain<ITelegramOutboxGrain>(ITelegramOutboxGrain.Key).ReleaseAsync("dna-test-" + id);
    }

    [Fact]
    public async Task FailingGrainCall_IsFingerprinted_WithItsGrainAndTenant()
    {
        var tenant = "dna-" + Guid.NewGuid().ToString("n")[..8];
        var account = Grains.GetGrain<IAccountGrain>($"{tenant}/main");

        await Assert.ThrowsAsync<InvalidOperationException>(() => account.SetKillSwitchAsync(true, Actor.User("ada")));

        var group = await WaitForAsync(g => g.Tenants.Contains(tenant));
        Assert.Equal(typeof(InvalidOperationException).FullName, group.ExceptionType);
        Assert.Equal("Account '<v>' of tenant '<v>' is not open.", group.Message);
        Assert.Contains($"account/{tenant}/main", group.Grains);
        Assert.Contains("grain call", group.Sources);
        Assert.Contains(group.Frames, f => f.StartsWith("Plan2.Grains.Trading.Accounts.AccountGrain", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SameBug_OnTwoAccounts_IsOneFingerprint()
    {
        var (a, b) = ("dna-" + Guid.NewGuid().ToString("n")[..8], "dna-" + Guid.NewGuid().ToString("n")[..8]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Grains.GetGrain<IAccountGrain>($"{a}/main").SetKillSwitchAsync(true, Actor.User("x")));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Grains.GetGrain<IAccountGrain>($"{b}/other").SetKillSwitchAsync(true, Actor.User("x")));

        var group = await WaitForAsync(g => g.Tenants.Contains(a) && g.Tenants.Contains(b), allowCapped: true);
        Assert.Contains($"account/{b}/other", group.Grains);
    }

    /// <summary>Collectors report every 2 s; waits up to 15 s for the fingerprint to arrive.</summary>
    private async Task<ErrorGroupView> WaitForAsync(Func<ErrorGroupView, bool> match, bool allowCapped = false)
    {
        for (var i = 0; i < 75; i++)
        {
            if ((await Dna.GetAllAsync()).Groups.FirstOrDefault(match) is { } group)
                return group;
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException("The fingerprint never reached the ErrorDNA grain" + (allowCapped ? " (or its tenant list was full)." : "."));
    }
}
