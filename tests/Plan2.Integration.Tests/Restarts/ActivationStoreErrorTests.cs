using Plan2.Abstractions.Operations;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;
using Plan2.Integration.Tests.Infrastructure;

namespace Plan2.Integration.Tests.Restarts;

/// <summary>
/// Grains activated while PostgreSQL is down: the store fails before any grain call runs (the account rebuilds from
/// its journal, the others read their state), where the call filter cannot see it. The client, through the gateway
/// as in production, must still get our serializable error naming the store, not a codec failure. Own PostgreSQL:
/// the shared one is never stopped.
/// </summary>
public sealed class ActivationStoreErrorTests : IAsyncLifetime
{
    private readonly string _clusterId = "activation-" + Guid.NewGuid().ToString("n")[..8];
    private readonly string _tenant = "t-" + Guid.NewGuid().ToString("n")[..8];
    private OwnStores _stores = null!;
    private InProcessSilo _silo = null!;
    private GatewayClient _client = null!;

    public async Task InitializeAsync()
    {
        _stores = await OwnStores.StartAsync();
        _silo = await InProcessSilo.StartAsync(_clusterId, _stores.Postgres, _stores.Redis);
        _client = await GatewayClient.ConnectAsync(_clusterId, _silo.GatewayPort);
        await _stores.StopPostgresAsync();
    }

    [Fact]
    public async Task AccountRebuiltFromItsJournal_WhilePostgresIsDown_FailsWithOurError_NamingPostgres()
    {
        var error = await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            _client.Client.GetGrain<IAccountGrain>($"{_tenant}/acc-1").GetAsync());

        AssertNamesPostgres(error);
    }

    [Fact]
    public async Task GrainStateRead_WhilePostgresIsDown_FailsWithOurError_NamingPostgres()
    {
        var terminal = Assert.ThrowsAsync<StorageUnavailableException>(() =>
            _client.Client.GetGrain<IMt5TerminalGrain>($"1@{_tenant}").GetStatusAsync());
        var tenant = Assert.ThrowsAsync<StorageUnavailableException>(() =>
            _client.Client.GetGrain<ITenantGrain>(_tenant).CreateAsync(new CreateTenant("Test", "alice")));

        AssertNamesPostgres(await terminal);
        AssertNamesPostgres(await tenant);
    }

    private static void AssertNamesPostgres(StorageUnavailableException error)
    {
        Assert.Equal("PostgreSQL", error.Store);
        Assert.StartsWith("Npgsql.", error.CauseType);
        Assert.Contains("retry", error.Message);
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _silo.DisposeAsync();
        await _stores.DisposeAsync();
    }
}
