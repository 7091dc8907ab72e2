using Plan2.MarketData.Bridge;

namespace Plan2.MarketData.Tests.Bridge;

/// <summary>A deal or order event stamped past any date the platform can hold is refused at the bridge, not thrown later.</summary>
public class ReportTimeTests
{
    private static FillMessage Deal(long timeMs) => new(9_001, 8_001, 8_001, timeMs, 1.1, 0.1, BridgeOrderSide.Buy, "c1", "EURUSD");

    [Fact]
    public void DealOrEvent_StampedPastTheLastDate_IsRefused_AnUnstampedOneIsNot()
    {
        Assert.Null(ExecutionReport.FromFill("T", Deal(long.MaxValue)));
        Assert.Null(ExecutionReport.FromOrderEvent("T", new OrderEventMessage(BridgeOrderEventKind.Canceled, 8_001, long.MaxValue, 0.1, "c1", "EURUSD", "")));
        Assert.NotNull(ExecutionReport.FromFill("T", Deal(0)));
        Assert.NotNull(ExecutionReport.FromOrderEvent("T", new OrderEventMessage(BridgeOrderEventKind.Canceled, 8_001, -7_200_000, 0.1, "c1", "EURUSD", "")));
    }

    [Fact]
    public void Snapshot_WithOneSuchDeal_IsInvalidAsAWhole()
    {
        Assert.Null(TradeSnapshot.From("T", new TradeSnapshotMessage(1, 0, 0, false, [], [], [Deal(1_764_400_000_000), Deal(long.MaxValue)])));
    }
}
