using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Hosting;
using Orleans.TestingHost;
using Plan2.Abstractions.Telegram;
using Plan2.Abstractions.Tenancy;
using Plan2.Core.Messaging;
using Plan2.Grains;

namespace Plan2.Telegram.Tests;

/// <summary>
/// A link code expires: the directory grain on a silo whose clock the test moves (the bot's own cluster runs on
/// the real clock, and ten minutes are too long to wait). A code taken just before its end links; one a moment late does not.
/// </summary>
public sealed class LinkCodeExpiryTests : IAsyncLifetime
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly TestCluster _cluster = new TestClusterBuilder(1).AddSiloBuilderConfigurator<Silo>().Build();

    public Task InitializeAsync() => _cluster.DeployAsync();

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task ACode_LinksWithinItsLifetime_AndIsRefusedAsExpiredAfter()
    {
        var directory = _cluster.Client.GetGrain<ITelegramDirectoryGrain>(ITelegramDirectoryGrain.Key);
        var early = await directory.IssueCodeAsync("acme", "alice", UserRole.Trader);
        var late = await directory.IssueCodeAsync("acme", "bob", UserRole.Viewer);
        Assert.Equal(Clock.GetUtcNow() + LinkCodes.Lifetime, late.ExpiresAt);

        Clock.Advance(LinkCodes.Lifetime - TimeSpan.FromSeconds(1));
        Assert.Equal("alice", (await directory.RedeemAsync(early.Code, 1)).Link?.User);
        Clock.Advance(TimeSpan.FromSeconds(1));
        var refused = await directory.RedeemAsync(late.Code, 2);

        Assert.Null(refused.Link);
        Assert.Equal("expired", refused.Refusal);
        Assert.Null(await directory.GetLinkAsync(2));
    }

    private sealed class Silo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo
            .AddMemoryGrainStorage(StorageNames.GrainState)
            .ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}
