using Plan2.Core.Messaging;

namespace Plan2.Telegram.Tests;

public class ExpiringOffersTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Take_BeforeTheDeadline_YieldsTheItemOnce()
    {
        var offers = new ExpiringOffers<string>();
        offers.Add("a", "buy", T0.AddSeconds(60));

        Assert.Equal(("buy", (string?)null), offers.Take("a", T0.AddSeconds(59)));
        Assert.Equal(((string?)null, OfferRefusals.Used), offers.Take("a", T0.AddSeconds(59)));
    }

    [Fact]
    public void Take_AtOrAfterTheDeadline_YieldsNothing()
    {
        var offers = new ExpiringOffers<string>();
        offers.Add("a", "buy", T0.AddSeconds(60));

        Assert.Equal(((string?)null, OfferRefusals.Expired), offers.Take("a", T0.AddSeconds(60)));
    }

    [Fact]
    public void Purge_EndsOnlyExpiredOffers()
    {
        var offers = new ExpiringOffers<string>();
        offers.Add("old", "x", T0.AddSeconds(10));
        offers.Add("new", "y", T0.AddSeconds(100));

        Assert.Equal(1, offers.Purge(T0.AddSeconds(10)));
        Assert.Equal(["new"], offers.Waiting.Select(o => o.Id));
        Assert.Equal(((string?)null, OfferRefusals.Expired), offers.Take("old", T0));
    }

    [Fact]
    public void LinkCodes_NormalizeWhatUsersType_AndRejectWhatCannotBeACode()
    {
        var code = LinkCodes.New();
        Assert.Equal(LinkCodes.Length, code.Length);
        Assert.Equal(code, LinkCodes.Normalize(" " + code[..5].ToLowerInvariant() + "-" + code[5..]));
        Assert.Null(LinkCodes.Normalize("O0I1L-short"));
        Assert.Null(LinkCodes.Normalize(null));
    }
}
