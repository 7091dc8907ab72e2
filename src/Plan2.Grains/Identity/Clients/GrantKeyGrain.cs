using System.Security.Cryptography;
using Orleans.Concurrency;
using System.Text.Json.Serialization;
using Plan2.Core.Identity;

namespace Plan2.Grains.Identity.Clients;

/// <summary>
/// The one key the silos sign client grants with, made at random on first use and kept in grain state, so every
/// silo of a cluster signs and verifies alike and no secret is configured or committed. Embedded, state is in
/// memory: a restart makes a new key, and connected clients simply open a new grant.
/// </summary>
[Alias("plan2.IGrantKeyGrain")]
public interface IGrantKeyGrain : IGrainWithIntegerKey
{
    [Alias("Get"), AlwaysInterleave] Task<byte[]> GetAsync();
}

public sealed class GrantKeyGrain(
    [PersistentState("grant-key", StorageNames.GrainState)] IPersistentState<GrantKeyState> state) : Grain, IGrantKeyGrain
{
    private Task<byte[]>? _key;

    public Task<byte[]> GetAsync() => _key ??= LoadOrCreateAsync();

    private async Task<byte[]> LoadOrCreateAsync()
    {
        if (state.State.Key is { } stored)
            return Convert.FromBase64String(stored);
        var key = RandomNumberGenerator.GetBytes(ClientGrantToken.MinimumKeyBytes);
        state.State = new GrantKeyState { Key = Convert.ToBase64String(key) };
        await state.WriteStateAsync();
        return key;
    }
}

[GenerateSerializer, Alias("plan2.grant-key-state.v1")]
public sealed class GrantKeyState
{
    [Id(0), JsonPropertyName("key")] public string? Key { get; set; }
}
