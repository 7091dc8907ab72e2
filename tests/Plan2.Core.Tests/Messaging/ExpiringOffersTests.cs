using Plan2.Core.Messaging;

namespace Plan2.Core.Tests.Messaging;

/// <summary>A confirmation tapped late or twice is told how it ended: expired (ask again) is never "already done".</summary>
public class ExpiringOffersTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private static ExpiringOffers<string> OneBuy()
    {
        var offers = new ExpiringOffers<string>();
        offers.Add("a", "buy", T0.AddSeconds(60));
        return offers;
    }

    [Fact]
    public void Take_OfAnExpiredOffer_SaysExpired_EveryTime_NeverUsed()
    {
        var offers = OneBuy();

        Assert.Equal(((string?)null, OfferRefusals.Expired), offers.Take("a", T0.AddSeconds(61)));
        Assert.Equal(((string?)null, OfferRefusals.Expired), offers.Take("a", T0.AddSeconds(62)));
    }

    [Fact]
    public void Take_AfterAPurgeEndedTheOffer_SaysExpired_NotUnknown()
    {
        var offers = OneBuy();
        offers.Add("b", "sell", T0.AddSeconds(600));

        Assert.Equal(1, offers.Purge(T0.AddSeconds(60))); // another offer made later purges this one
        Assert.Equal(["b"], offers.Waiting.Select(o => o.Id));
        Assert.Equal(((string?)null, OfferRefusals.Expired), offers.Take("a", T0.AddSeconds(61)));
    }

    [Fact]
    public void Take_OfAUsedOffer_SaysUsed_EvenAfterAPurge()
    {
        var offers = OneBuy();
        Assert.Equal(("buy", (string?)null), offers.Take("a", T0.AddSeconds(10)));

        offers.Purge(T0.AddSeconds(120));

        Assert.Equal(((string?)null, OfferRefusals.Used), offers.Take("a", T0.AddSeconds(121)));
    }

    [Fact]
    public void Take_OfACancelledOffer_SaysCancelled()
    {
        var offers = OneBuy();
        Assert.True(offers.Remove("a"));
        Assert.False(offers.Remove("a"));

        Assert.Equal(((string?)null, OfferRefusals.Cancelled), offers.Take("a", T0.AddSeconds(1)));
    }

    [Fact]
    public void EndedOffers_AreForgottenAfterTheirMemory_AndRestoredFromKeptState()
    {
        var offers = OneBuy();
        offers.Take("a", T0.AddSeconds(1));
        var kept = Assert.Single(offers.Ended);

        var again = new ExpiringOffers<string>();
        again.Restore(kept);
        Assert.True(again.Contains("a")); // a restored id is not handed out again
        Assert.Throws<InvalidOperationException>(() => again.Add("a", "buy", T0.AddSeconds(600)));
        Assert.Equal(OfferRefusals.Used, again.Take("a", T0.AddSeconds(2)).Refusal);

        again.Purge(T0.AddSeconds(60) + ExpiringOffers<string>.Memory);
        Assert.Empty(again.Ended);
        Assert.Equal(OfferRefusals.Unknown, again.Take("a", T0.AddDays(2)).Refusal);
    }
}
