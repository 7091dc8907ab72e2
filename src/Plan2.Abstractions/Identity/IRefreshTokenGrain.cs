namespace Plan2.Abstractions.Identity;

/// <summary>
/// One family of refresh tokens, keyed "TENANT/FAMILY-ID": a sign-in starts a family, each refresh
/// replaces its token with a new one, and presenting a replaced token (a stolen copy being reused)
/// revokes the whole family, so neither the thief nor the victim can go on refreshing.
/// </summary>
[Alias("plan2.IRefreshTokenGrain")]
public interface IRefreshTokenGrain : IGrainWithStringKey
{
    /// <summary>Starts the family for a user with the hash of its first token.</summary>
    [Alias("Start")] Task StartAsync(string userId, string tokenHash, DateTimeOffset expiresAt);

    /// <summary>Swaps the presented token for the next; a replaced, unknown or expired token gets no user.</summary>
    [Alias("Rotate")] Task<RefreshOutcome> RotateAsync(string presentedHash, string nextHash);

    /// <summary>Ends the family (sign-out, erasure).</summary>
    [Alias("Revoke")] Task RevokeAsync();
}

public enum RefreshStatus { Rotated = 0, Reused = 1, Revoked = 2, Expired = 3, Unknown = 4 }

[GenerateSerializer, Immutable, Alias("plan2.refresh-outcome")]
public sealed record RefreshOutcome([property: Id(0)] RefreshStatus Status, [property: Id(1)] string? UserId = null);
