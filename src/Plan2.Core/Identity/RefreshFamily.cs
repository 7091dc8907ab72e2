namespace Plan2.Core.Identity;

/// <summary>
/// A chain of refresh tokens from one sign-in. Only the newest token is good; a token that was already
/// swapped is evidence of theft (the thief or the victim is replaying it), so it ends the family.
/// </summary>
public sealed class RefreshFamily
{
    public required string UserId { get; init; }
    public required string CurrentHash { get; set; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public bool Revoked { get; set; }
    public int Generation { get; set; }

    public RefreshDecision Rotate(string presentedHash, string nextHash, DateTimeOffset now)
    {
        if (Revoked)
            return RefreshDecision.Revoked;
        if (!TokenHash.FixedTimeEquals(CurrentHash, presentedHash))
        {
            Revoked = true;
            return RefreshDecision.Reused;
        }
        if (now >= ExpiresAt)
            return RefreshDecision.Expired;
        CurrentHash = nextHash;
        Generation++;
        return RefreshDecision.Rotated;
    }
}

public enum RefreshDecision { Rotated, Reused, Revoked, Expired }
