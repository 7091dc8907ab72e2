using Plan2.Core.Identity;
using Plan2.Core.Tenancy;

namespace Plan2.Core.Tests.Identity;

public class TenantIdentityTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private static TenantIdentity Empty(IdentityRules? rules = null) => new([], [], [], rules ?? IdentityRules.Default);

    [Fact]
    public void Register_SameEmailAnyCase_Refused()
    {
        var identity = Empty();
        identity.Register("u-1", "Alice@Acme.test", "h", false, Now);

        Assert.Throws<InvalidOperationException>(() => identity.Register("u-2", "alice@acme.TEST", "h", false, Now));
        Assert.Equal("alice@acme.test", identity.FindById("u-1")!.Email);
    }

    [Theory]
    [InlineData("no-at-sign")]
    [InlineData("two@@signs.test")]
    [InlineData("nodot@domain")]
    [InlineData("space in@acme.test")]
    public void Register_InvalidEmail_Refused(string email) =>
        Assert.Throws<ArgumentException>(() => Empty().Register("u-1", email, "h", false, Now));

    [Fact]
    public void AddApiKey_RoleAboveCreator_Refused() =>
        Assert.Throws<InvalidOperationException>(() => Empty().AddApiKey("k1", "ci", TenantRole.Admin, TenantRole.Trader, "hash", "u-1", Now));

    [Fact]
    public void AddApiKey_QuotaCountsOnlyActiveKeys()
    {
        var identity = Empty(IdentityRules.Default with { MaxActiveApiKeys = 2 });
        identity.AddApiKey("k1", "one", TenantRole.Viewer, TenantRole.Admin, "h1", "u-1", Now);
        identity.AddApiKey("k2", "two", TenantRole.Viewer, TenantRole.Admin, "h2", "u-1", Now);

        Assert.Throws<InvalidOperationException>(() => identity.AddApiKey("k3", "three", TenantRole.Viewer, TenantRole.Admin, "h3", "u-1", Now));
        identity.RevokeApiKey("k1", "u-1", Now);
        identity.AddApiKey("k3", "three", TenantRole.Viewer, TenantRole.Admin, "h3", "u-1", Now);
        Assert.Equal(2, identity.Keys.Count(k => k.IsActive));
    }

    [Fact]
    public void ApiKey_MatchesItsSecretUntilRevoked()
    {
        var identity = Empty();
        var key = identity.AddApiKey("k1", "ci", TenantRole.Trader, TenantRole.Admin, TokenHash.Of("s3cret"), "u-1", Now);

        Assert.True(key.Matches("s3cret"));
        Assert.False(key.Matches("s3cret "));
        identity.RevokeApiKey("k1", "u-1", Now);
        Assert.False(key.Matches("s3cret"));
    }

    [Fact]
    public void Erase_RemovesCredentials_RevokesTheirKeys_StripsTheLogButKeepsTheIds()
    {
        var identity = Empty();
        var alice = identity.Register("u-1", "alice@acme.test", "h", false, Now);
        identity.Register("u-2", "bob@acme.test", "h", false, Now);
        identity.AddApiKey("k1", "alice's key", TenantRole.Viewer, TenantRole.Admin, "h1", "u-1", Now);
        identity.AddApiKey("k2", "bob's key", TenantRole.Viewer, TenantRole.Admin, "h2", "u-2", Now);

        identity.Erase(alice, Now, "erased");

        Assert.Null(identity.FindById("u-1"));
        Assert.False(identity.Keys.Single(k => k.KeyId == "k1").IsActive);
        Assert.True(identity.Keys.Single(k => k.KeyId == "k2").IsActive);
        Assert.All(identity.Log.Where(e => e.UserId == "u-1" && e.Kind != SecurityEventKinds.UserErased), e => Assert.Equal("[erased]", e.Detail));
        Assert.Contains(identity.Log, e => e.UserId == "u-2" && e.Detail.Contains("bob's key"));
    }

    [Fact]
    public void Log_KeepsOnlyTheNewestEvents()
    {
        var identity = Empty(IdentityRules.Default with { SecurityLogCapacity = 3 });
        for (var i = 0; i < 5; i++)
            identity.Record(Now.AddSeconds(i), "test", null, $"event {i}");

        Assert.Equal(["event 2", "event 3", "event 4"], identity.Log.Select(e => e.Detail));
    }

    [Theory]
    [InlineData("short", false)]
    [InlineData("aaaaaaaaaaaaaaaa", false)]
    [InlineData("correct horse battery", true)]
    public void CheckPassword(string password, bool acceptable) =>
        Assert.Equal(acceptable, IdentityRules.Default.CheckPassword(password) is null);
}
