using Plan2.Core.Identity;

namespace Plan2.Core.Tests.Identity;

public class RefreshFamilyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private static RefreshFamily Family() => new() { UserId = "u-1", CurrentHash = "h1", ExpiresAt = Now.AddDays(30) };

    [Fact]
    public void Rotate_CurrentToken_SwapsIt()
    {
        var family = Family();

        Assert.Equal(RefreshDecision.Rotated, family.Rotate("h1", "h2", Now));
        Assert.Equal(RefreshDecision.Rotated, family.Rotate("h2", "h3", Now));
        Assert.Equal(2, family.Generation);
    }

    [Fact]
    public void Rotate_ReplacedToken_RevokesTheFamily_EvenForTheNewestToken()
    {
        var family = Family();
        family.Rotate("h1", "h2", Now);

        Assert.Equal(RefreshDecision.Reused, family.Rotate("h1", "h3", Now));
        Assert.Equal(RefreshDecision.Revoked, family.Rotate("h2", "h4", Now));
    }

    [Fact]
    public void Rotate_AfterExpiry_Refused() =>
        Assert.Equal(RefreshDecision.Expired, Family().Rotate("h1", "h2", Now.AddDays(30)));
}
