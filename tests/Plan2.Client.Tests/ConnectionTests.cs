using Plan2.Abstractions.Identity;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;

namespace Plan2.Client.Tests;

/// <summary>Who may connect, and that the silo takes the tenant from the proven key, never from the client's word.</summary>
[Collection(SdkClusterCollection.Name)]
public sealed class ConnectionTests(SdkClusterFixture fixture)
{
    [Fact]
    public async Task Connect_WithValidKey_KnowsItsTenantAndRole()
    {
        var (tenant, key) = await fixture.NewTenantAsync(UserRole.Trader);

        await using var client = await fixture.ConnectAsync(key);

        Assert.Equal((tenant, UserRole.Trader), (client.TenantId, client.Role));
        Assert.NotNull(await client.GetAccountAsync());
        var keys = await fixture.Platform.GetGrain<ITenantIdentityGrain>(tenant).ListApiKeysAsync();
        Assert.NotNull(Assert.Single(keys).LastUsedAt);
    }

    [Fact]
    public async Task Connect_WithUnknownMalformedOrRevokedKey_IsRefused()
    {
        var (tenant, key) = await fixture.NewTenantAsync();
        ApiKeyFormat.TryParse(key, out _, out var keyId, out _);
        await fixture.Platform.GetGrain<ITenantIdentityGrain>(tenant).RevokeApiKeyAsync(keyId, "alice");

        await Assert.ThrowsAsync<ApiKeyRejectedException>(() => fixture.ConnectAsync(key));
        await Assert.ThrowsAsync<ApiKeyRejectedException>(() => fixture.ConnectAsync(ApiKeyFormat.Compose(tenant, keyId, "not-the-secret")));
        await Assert.ThrowsAsync<ApiKeyRejectedException>(() => fixture.ConnectAsync(ApiKeyFormat.Compose(tenant, "k-none", "whatever")));
        await Assert.ThrowsAsync<ApiKeyRejectedException>(() => fixture.ConnectAsync("not-a-key"));
    }

    [Fact]
    public async Task KeyRevokedWhileConnected_RenewalIsRefused()
    {
        var (tenant, key) = await fixture.NewTenantAsync();
        await using var client = await fixture.ConnectAsync(key);

        await fixture.Platform.GetGrain<ITenantIdentityGrain>(tenant).RevokeApiKeyAsync(client.KeyId, "alice");

        await Assert.ThrowsAsync<ApiKeyRejectedException>(client.RenewAsync);
    }

    [Fact]
    public async Task AnotherTenantsGrains_AreRefused_AndLeftUnchanged()
    {
        var (victim, _) = await fixture.NewTenantAsync();
        var (_, key) = await fixture.NewTenantAsync(UserRole.Admin);
        await using var client = await fixture.ConnectAsync(key);
        var theirs = client.Cluster.GetGrain<IAccountGrain>($"{victim}/main");

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => theirs.GetAsync());
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => client.Cluster.GetGrain<ITenantAccountsGrain>(victim).ListAsync());
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            theirs.PlaceOrderAsync(new PlaceOrder("steal", "EURUSD", TradeSide.Buy, 1m, Actor.ApiKey(client.KeyId))));
        // Claiming the other tenant in the context changes nothing: the grant's tenant replaces it.
        RequestContext.Set(Plan2RequestContext.Tenant, victim);
        try
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => theirs.GetAsync());
        }
        finally
        {
            RequestContext.Remove(Plan2RequestContext.Tenant);
        }

        Assert.Equal(0, (await fixture.Platform.GetGrain<IAccountGrain>($"{victim}/main").GetAsync())!.OrdersPlaced);
    }

    [Fact]
    public async Task GatewayClientWithoutGrant_IsRefused_EvenClaimingATenant()
    {
        var (tenant, _) = await fixture.NewTenantAsync();
        var raw = fixture.Cluster.Client; // a plain Orleans client through the gateway, no API key

        await GrantRefusals.AssertAsync(ClientGrantRefusal.GrantRequired, () => raw.GetGrain<IAccountGrain>($"{tenant}/main").GetAsync());
        RequestContext.Set(Plan2RequestContext.Tenant, tenant);
        try
        {
            await GrantRefusals.AssertAsync(ClientGrantRefusal.GrantRequired, () => raw.GetGrain<IAccountGrain>($"{tenant}/main").GetAsync());
            await GrantRefusals.AssertAsync(ClientGrantRefusal.GrantRequired, () => raw.GetGrain<ITenantIdentityGrain>(tenant).ListApiKeysAsync());
        }
        finally
        {
            RequestContext.Remove(Plan2RequestContext.Tenant);
        }
    }

    [Fact]
    public async Task TamperedOrBorrowedGrant_IsRefused()
    {
        var (victim, _) = await fixture.NewTenantAsync();
        var (_, key) = await fixture.NewTenantAsync();
        await using var client = await fixture.ConnectAsync(key);
        var session = await fixture.Cluster.Client.GetGrain<IClientGateGrain>(0).OpenAsync(key);
        var tampered = session!.Grant.Replace($".{client.TenantId}.", $".{victim}.", StringComparison.Ordinal);
        var raw = fixture.Cluster.Client;

        RequestContext.Set(Plan2RequestContext.Grant, tampered);
        RequestContext.Set(Plan2RequestContext.Tenant, victim);
        try
        {
            var refused = await GrantRefusals.AssertAsync(ClientGrantRefusal.GrantInvalid, () => raw.GetGrain<IAccountGrain>($"{victim}/main").GetAsync());
            Assert.Contains("forged or expired", refused.Message);
            // The genuine grant of one tenant, with another tenant claimed beside it, still reaches only its own tenant.
            RequestContext.Set(Plan2RequestContext.Grant, session.Grant);
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => raw.GetGrain<IAccountGrain>($"{victim}/main").GetAsync());
            Assert.NotNull(await raw.GetGrain<IAccountGrain>($"{client.TenantId}/main").GetAsync());
        }
        finally
        {
            RequestContext.Clear();
        }
    }
}
