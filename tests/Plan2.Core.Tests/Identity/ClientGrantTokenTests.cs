using Plan2.Core.Identity;
using Plan2.Core.Tenancy;

namespace Plan2.Core.Tests.Identity;

public sealed class ClientGrantTokenTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly ClientGrant Grant = new("acme", "k123", TenantRole.Trader, Now.AddMinutes(5));

    [Fact]
    public void Verify_SignedGrant_ReturnsItsFields() =>
        Assert.Equal(Grant, ClientGrantToken.Verify(ClientGrantToken.Sign(Grant, Key), Key, Now));

    [Fact]
    public void Verify_AnyFieldChanged_IsNull()
    {
        var token = ClientGrantToken.Sign(Grant, Key);
        Assert.Null(ClientGrantToken.Verify(token.Replace(".acme.", ".globex."), Key, Now));
        Assert.Null(ClientGrantToken.Verify(token.Replace(".1.", ".2."), Key, Now)); // trader claiming admin
        var longer = token.Split('.');
        longer[4] = (long.Parse(longer[4]) + 3_600_000).ToString();
        Assert.Null(ClientGrantToken.Verify(string.Join('.', longer), Key, Now));
    }

    [Fact]
    public void Verify_OtherKeyExpiredOrGarbage_IsNull()
    {
        var token = ClientGrantToken.Sign(Grant, Key);
        Assert.Null(ClientGrantToken.Verify(token, Key.Reverse().ToArray(), Now));
        Assert.Null(ClientGrantToken.Verify(token, Key, Grant.ExpiresAt));
        Assert.Null(ClientGrantToken.Verify("", Key, Now));
        Assert.Null(ClientGrantToken.Verify("g1.acme.k1.9.99999999999999.x", Key, Now));
        Assert.Null(ClientGrantToken.Verify(null, Key, Now));
    }

    [Fact]
    public void Sign_ShortKeyOrDottedIds_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => ClientGrantToken.Sign(Grant, new byte[16]));
        Assert.Throws<ArgumentException>(() => ClientGrantToken.Sign(Grant with { KeyId = "a.b" }, Key));
    }
}
