using Orleans.Concurrency;
using Orleans.Runtime;
using Plan2.Abstractions.Identity;
using Plan2.Abstractions.Tenancy;
using Plan2.Core.Identity;
using Plan2.Grains.Tenancy;

namespace Plan2.Grains.Identity.Clients;

/// <summary>Checks an API key with its tenant grain and signs a grant for it (see <see cref="IClientGateGrain"/>).</summary>
[StatelessWorker]
public sealed class ClientGateGrain(ClientGrantKeys keys, TimeProvider clock) : Grain, IClientGateGrain
{
    public async Task<ClientSession?> OpenAsync(string apiKey)
    {
        if (!ApiKeyFormat.TryParse(apiKey, out var tenant, out var keyId, out var secret))
            return null;
        // The tenant the key names, not whatever the unproven caller put in its context, goes with the check.
        RequestContext.Set(Plan2RequestContext.Tenant, tenant);
        var key = await GrainFactory.GetGrain<ITenantIdentityGrain>(tenant).AuthenticateApiKeyAsync(keyId, secret);
        if (key is null)
            return null;
        var grant = new ClientGrant(key.TenantId, key.KeyId, key.Role.ToCore(), clock.GetUtcNow() + ClientGrantKeys.Lifetime);
        return new ClientSession(await keys.SignAsync(grant), key.TenantId, key.KeyId, key.Role, grant.ExpiresAt);
    }
}
