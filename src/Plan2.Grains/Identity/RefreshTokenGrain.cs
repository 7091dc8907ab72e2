using System.Text.Json.Serialization;
using Plan2.Abstractions.Identity;
using Plan2.Core.Identity;

namespace Plan2.Grains.Identity;

/// <summary>A shell over <see cref="RefreshFamily"/>: one sign-in's chain of refresh tokens (hashes only).</summary>
public sealed class RefreshTokenGrain(
    [PersistentState("refresh-family", StorageNames.GrainState)] IPersistentState<RefreshFamilyState> state,
    TimeProvider clock) : Grain, IRefreshTokenGrain
{
    async Task IRefreshTokenGrain.StartAsync(string userId, string tokenHash, DateTimeOffset expiresAt)
    {
        if (state.RecordExists && state.State.UserId.Length > 0)
            throw new InvalidOperationException("This refresh token family already exists.");
        state.State = new RefreshFamilyState { UserId = userId, CurrentHash = tokenHash, ExpiresAt = expiresAt };
        await state.WriteStateAsync();
    }

    async Task<RefreshOutcome> IRefreshTokenGrain.RotateAsync(string presentedHash, string nextHash)
    {
        if (state.State.UserId.Length == 0)
            return new RefreshOutcome(RefreshStatus.Unknown);
        var family = new RefreshFamily
        {
            UserId = state.State.UserId, CurrentHash = state.State.CurrentHash, ExpiresAt = state.State.ExpiresAt,
            Revoked = state.State.Revoked, Generation = state.State.Generation,
        };
        var decision = family.Rotate(presentedHash, nextHash, clock.GetUtcNow());
        if (decision is RefreshDecision.Rotated or RefreshDecision.Reused)
        {
            state.State = new RefreshFamilyState
            {
                UserId = family.UserId, CurrentHash = family.CurrentHash, ExpiresAt = family.ExpiresAt,
                Revoked = family.Revoked, Generation = family.Generation,
            };
            await state.WriteStateAsync();
        }
        return decision switch
        {
            RefreshDecision.Rotated => new RefreshOutcome(RefreshStatus.Rotated, family.UserId),
            RefreshDecision.Reused => new RefreshOutcome(RefreshStatus.Reused, family.UserId),
            RefreshDecision.Expired => new RefreshOutcome(RefreshStatus.Expired, family.UserId),
            _ => new RefreshOutcome(RefreshStatus.Revoked, family.UserId),
        };
    }

    async Task IRefreshTokenGrain.RevokeAsync()
    {
        if (state.State.UserId.Length == 0 || state.State.Revoked)
            return;
        state.State.Revoked = true;
        await state.WriteStateAsync();
    }
}

[GenerateSerializer, Alias("plan2.refresh-family-state.v1")]
public sealed class RefreshFamilyState
{
    [Id(0), JsonPropertyName("userId")] public string UserId { get; set; } = "";
    [Id(1), JsonPropertyName("currentHash")] public string CurrentHash { get; set; } = "";
    [Id(2), JsonPropertyName("expiresAt")] public DateTimeOffset ExpiresAt { get; set; }
    [Id(3), JsonPropertyName("revoked")] public bool Revoked { get; set; }
    [Id(4), JsonPropertyName("generation")] public int Generation { get; set; }
}
