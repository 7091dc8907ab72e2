using System.Text.Json.Serialization;
using Plan2.Abstractions.Identity;

namespace Plan2.Grains.Identity;

/// <summary>One email's owner tenant: a durable claim so that one email signs in to one tenant only.</summary>
public sealed class UserDirectoryGrain(
    [PersistentState("user-directory", StorageNames.GrainState)] IPersistentState<UserDirectoryState> state) : Grain, IUserDirectoryGrain
{
    async Task<bool> IUserDirectoryGrain.ClaimAsync(string tenantId)
    {
        if (state.State.TenantId is { } holder)
            return holder == tenantId;
        state.State = new UserDirectoryState { TenantId = tenantId };
        await state.WriteStateAsync();
        return true;
    }

    async Task IUserDirectoryGrain.ReleaseAsync(string tenantId)
    {
        if (state.State.TenantId != tenantId)
            return;
        await state.ClearStateAsync();
        state.State = new UserDirectoryState();
    }

    Task<string?> IUserDirectoryGrain.FindTenantAsync() => Task.FromResult(state.State.TenantId);
}

[GenerateSerializer, Alias("plan2.user-directory-state.v1")]
public sealed class UserDirectoryState
{
    [Id(0), JsonPropertyName("tenantId")] public string? TenantId { get; set; }
}
