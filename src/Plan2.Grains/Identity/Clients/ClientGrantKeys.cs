using Plan2.Core.Identity;

namespace Plan2.Grains.Identity.Clients;

/// <summary>This silo's copy of the grant key, fetched once from <see cref="IGrantKeyGrain"/> and then held in memory.</summary>
public sealed class ClientGrantKeys(IGrainFactory grains, TimeProvider clock)
{
    /// <summary>How long a grant lasts: a revoked key's connected client is refused at its next renewal, within this.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private Task<byte[]>? _key;

    public async Task<string> SignAsync(ClientGrant grant) => ClientGrantToken.Sign(grant, await KeyAsync());

    public async Task<ClientGrant?> VerifyAsync(string token) => ClientGrantToken.Verify(token, await KeyAsync(), clock.GetUtcNow());

    private async Task<byte[]> KeyAsync()
    {
        var key = _key ??= grains.GetGrain<IGrantKeyGrain>(0).GetAsync();
        try
        {
            return await key;
        }
        catch
        {
            _key = null; // a failed fetch (silo starting, storage down) is tried again by the next call
            throw;
        }
    }
}
