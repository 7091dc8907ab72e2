using Plan2.Core.Trading.Orders;

namespace Plan2.Core.Tests.Trading;

/// <summary>After a failed first append, the stored first entry says whether this send or an earlier one placed the order.</summary>
public class PlacementRuleTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly PlacementMark Appended = new(1, At, "placed");

    [Fact]
    public void StoredFirstEntryIsTheOneThisSendAppended_ThisSendPlacedIt()
    {
        Assert.Equal(PlacementOwner.ThisSend, PlacementRule.Owner(Appended, new PlacementMark(1, At, "placed")));
    }

    [Fact]
    public void StoredFirstEntryOneMicrosecondApart_AnEarlierSendPlacedIt()
    {
        Assert.Equal(PlacementOwner.EarlierSend, PlacementRule.Owner(Appended, Appended with { At = At.AddTicks(-10) }));
    }

    [Fact]
    public void StoredFirstEntryOfAnotherKindOrSequence_AnEarlierSendPlacedIt()
    {
        Assert.Equal(PlacementOwner.EarlierSend, PlacementRule.Owner(Appended, Appended with { Kind = "denied" }));
        Assert.Equal(PlacementOwner.EarlierSend, PlacementRule.Owner(Appended, Appended with { Sequence = 2 }));
    }

    [Fact]
    public void ThisSendAppendedNothing_AnEarlierSendPlacedIt()
    {
        Assert.Equal(PlacementOwner.EarlierSend, PlacementRule.Owner(null, Appended));
    }
}
