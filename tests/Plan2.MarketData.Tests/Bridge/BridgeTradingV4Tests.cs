using Plan2.Core.MarketData;
using Plan2.MarketData.Bridge;

namespace Plan2.MarketData.Tests.Bridge;

/// <summary>Protocol v4 in hand-packed bytes: ORDER with time in force and stop-limit, CANCEL/MODIFY and their REQUEST_RESULT, FILL with costs, ORDER_EVENT.</summary>
public class BridgeTradingV4Tests
{
    [Fact]
    public async Task StopLimitGtdOrder_HandPacked_AsDocumented()
    {
        await using var h = await BridgeHarness.StartAsync();
        var peer = await HelloAsync(h, 4);

        var order = new OrderCommand("SL-1", "EURUSD", BridgeOrderSide.Buy, BridgeOrderType.StopLimit, 0.5m, Price.Parse("1.1010"),
            TimeInForce: BridgeTimeInForce.Gtd, StopLimitPrice: Price.Parse("1.1005"), ExpirationMs: 1_764_500_000_000);
        var pending = h.Server.SendOrderAsync("T1", order, CancellationToken.None);

        Assert.Equal((9, new WireBytes().U8(1).U8(4).U8(3).U8(0).U32(10).F64(0.5).F64(1.101).F64(0).F64(0).F64(1.1005).I64(1_764_500_000_000)
            .Str("SL-1").Str("EURUSD").ToArray()), await peer.ReadFrameAsync());
        await peer.SendAsync(WireBytes.Frame(10, 2,
            new WireBytes().U32(10008).U32(0).U64(8_001).U64(0).F64(1.101).F64(0.5).Str("SL-1").Str("EURUSD").Str("placed")));
        Assert.Equal((ExecutionReportKind.Accepted, 8_001UL), ((await pending).Kind, (await pending).OrderTicket));
    }

    [Fact]
    public async Task CancelAndModify_HandPacked_AnsweredByRequestResult()
    {
        await using var h = await BridgeHarness.StartAsync();
        var peer = await HelloAsync(h, 4);

        var cancel = h.Server.SendCancelAsync("T1", new CancelCommand(8_001, "LIM-1", "EURUSD"), CancellationToken.None);
        Assert.Equal((15, new WireBytes().U64(8_001).Str("LIM-1").Str("EURUSD").ToArray()), await peer.ReadFrameAsync());
        await peer.SendAsync(WireBytes.Frame(17, 2, new WireBytes().U8(1).U8(0).U16(0).U32(10009).U64(8_001).Str("LIM-1").Str("done")));
        Assert.Equal(new RequestResultMessage(BridgeRequestAction.Cancel, 10009, 8_001, "LIM-1", "done"), await cancel);

        var modify = h.Server.SendModifyAsync("T1", new ModifyCommand(8_002, "LIM-2", "EURUSD", Price.Parse("1.0990"), TimeInForce: BridgeTimeInForce.Day),
            CancellationToken.None);
        Assert.Equal((16, new WireBytes().U64(8_002).F64(1.099).F64(0).F64(0).F64(0).I64(0).U8(2).U8(0).U16(0).U32(0).Str("LIM-2").Str("EURUSD").ToArray()),
            await peer.ReadFrameAsync());
        await peer.SendAsync(WireBytes.Frame(17, 3, new WireBytes().U8(2).U8(0).U16(0).U32(10013).U64(8_002).Str("LIM-2").Str("order not found")));
        var refused = await modify;
        Assert.Equal((BridgeRequestAction.Modify, 10013u, false, "order not found"), (refused.Action, refused.Retcode, refused.IsDone, refused.Message));
    }

    [Fact]
    public async Task FillWithCosts_AndOrderEvent_ReachTheSinkExact()
    {
        await using var h = await BridgeHarness.StartAsync();
        var peer = await HelloAsync(h, 4);

        await peer.SendAsync(WireBytes.Frame(11, 2, new WireBytes().U64(9_001).U64(8_001).U64(7_001).I64(1_764_400_000_123).F64(1.08451).F64(0.07)
            .U8(2).U8(0).U16(0).U32(0).F64(-0.49).F64(-1.23).F64(-0.1).Str("ORD-1").Str("EURUSD")));
        await peer.SendAsync(WireBytes.Frame(18, 3, new WireBytes().U64(8_002).I64(1_764_400_000_500).F64(0.3).U8(3).U8(0).U16(0).U32(0)
            .Str("GTD-1").Str("EURUSD").Str("its GTD expiry")));

        await h.Sink.WaitUntilAsync(s => s.Reports.Count == 2);
        var fill = h.Sink.Reports[0];
        Assert.Equal((ExecutionReportKind.Fill, 0.07m, -0.49m, -1.23m, -0.1m), (fill.Kind, fill.Volume, fill.Commission, fill.Swap, fill.Fee));
        var expired = h.Sink.Reports[1];
        Assert.Equal((ExecutionReportKind.Expired, "GTD-1", 8_002UL, 0.3m, "its GTD expiry"), (expired.Kind, expired.ClientOrderId, expired.OrderTicket,
            expired.Volume, expired.Message));
    }

    [Fact]
    public async Task Version3Terminal_KeepsItsLayouts_AndIsRefusedWhatItCannotDo_BeforeAnythingIsSent()
    {
        await using var h = await BridgeHarness.StartAsync();
        var peer = await HelloAsync(h, 3);

        var stopLimit = new OrderCommand("SL-1", "EURUSD", BridgeOrderSide.Buy, BridgeOrderType.StopLimit, 0.5m, Price.Parse("1.1010"),
            StopLimitPrice: Price.Parse("1.1005"));
        var tooOld = await Assert.ThrowsAsync<TerminalTooOldException>(() => h.Server.SendOrderAsync("T1", stopLimit, CancellationToken.None));
        Assert.Contains("speaks bridge protocol v3; a stop-limit order needs v4", tooOld.Message);
        await Assert.ThrowsAsync<TerminalTooOldException>(() => h.Server.SendCancelAsync("T1", new CancelCommand(1, "L", "EURUSD"), CancellationToken.None));
        await Assert.ThrowsAsync<TerminalTooOldException>(() => h.Server.SendOrderAsync("T1",
            new OrderCommand("IOC-1", "EURUSD", BridgeOrderSide.Buy, BridgeOrderType.Market, 0.5m, TimeInForce: BridgeTimeInForce.Ioc), CancellationToken.None));

        // What v3 supports still goes out, in v3's layout (a FILL without costs comes back so too).
        var limit = h.Server.SendOrderAsync("T1", new OrderCommand("L-1", "EURUSD", BridgeOrderSide.Sell, BridgeOrderType.Limit, 0.1m, Price.Parse("1.2")),
            CancellationToken.None);
        Assert.Equal((9, new WireBytes().U8(2).U8(2).U16(0).U32(10).F64(0.1).F64(1.2).F64(0).F64(0).Str("L-1").Str("EURUSD").ToArray()),
            await peer.ReadFrameAsync());
        await peer.SendAsync(WireBytes.Frame(10, 2, new WireBytes().U32(10008).U32(0).U64(8_003).U64(0).F64(1.2).F64(0.1).Str("L-1").Str("EURUSD").Str("placed"),
            version: 3));
        Assert.Equal(ExecutionReportKind.Accepted, (await limit).Kind);
        await peer.SendAsync(WireBytes.Frame(11, 3, new WireBytes().U64(9_002).U64(8_003).U64(7_002).I64(1_764_400_000_123).F64(1.2).F64(0.1)
            .U8(2).U8(0).U16(0).U32(0).Str("L-1").Str("EURUSD"), version: 3));
        await h.Sink.WaitUntilAsync(s => s.Reports.Any(r => r.Kind == ExecutionReportKind.Fill));
        Assert.Equal(0m, h.Sink.Reports.Single(r => r.Kind == ExecutionReportKind.Fill).Commission);
    }

    [Fact]
    public async Task Twin_PlaysIocPartial_FokRefusal_StopLimitTrigger_AndCancel_OverTheWire()
    {
        await using var h = await BridgeHarness.StartAsync();
        var trade = new TwinTradeServer(50123) { Depth = 0.3m, CommissionPerLot = 7m };
        await h.ConnectAsync(h.ClientOptions() with { TradeServer = trade });

        var ioc = await h.Server.SendOrderAsync("T1", new OrderCommand("IOC-1", "EURUSD", BridgeOrderSide.Buy, BridgeOrderType.Market, 1m,
            TimeInForce: BridgeTimeInForce.Ioc), CancellationToken.None);
        var fok = await h.Server.SendOrderAsync("T1", new OrderCommand("FOK-1", "EURUSD", BridgeOrderSide.Buy, BridgeOrderType.Market, 1m,
            TimeInForce: BridgeTimeInForce.Fok), CancellationToken.None);
        Assert.Equal((Mt5Retcode.DonePartial, 0.3m), (ioc.Retcode, ioc.Volume));
        Assert.Equal((ExecutionReportKind.Rejected, Mt5Retcode.Reject), (fok.Kind, fok.Retcode));
        await h.Sink.WaitUntilAsync(s => s.Reports.Any(r => r.Kind == ExecutionReportKind.Canceled));
        var fill = h.Sink.Reports.Single(r => r.Kind == ExecutionReportKind.Fill);
        Assert.Equal((0.3m, -2.1m), (fill.Volume, fill.Commission));
        Assert.Equal(0.7m, h.Sink.Reports.Single(r => r.Kind == ExecutionReportKind.Canceled).Volume);

        trade.Behaviour = TwinOrderBehaviour.Rest;
        var placed = await h.Server.SendOrderAsync("T1", new OrderCommand("SL-1", "EURUSD", BridgeOrderSide.Buy, BridgeOrderType.StopLimit, 0.5m,
            Price.Parse("1.1010"), StopLimitPrice: Price.Parse("1.1005")), CancellationToken.None);
        Assert.Equal(BridgeOrderEventKind.Triggered, trade.Trigger("SL-1").Event);
        Assert.Equal((BridgeOrderType.Limit, Price.Parse("1.1005")), (trade.Held("SL-1")!.OrderType, trade.Held("SL-1")!.Price));
        var canceled = await h.Server.SendCancelAsync("T1", new CancelCommand(placed.OrderTicket, "SL-1", "EURUSD"), CancellationToken.None);
        Assert.True(canceled.IsDone);
        Assert.Null(trade.Held("SL-1"));
        var again = await h.Server.SendCancelAsync("T1", new CancelCommand(placed.OrderTicket, "SL-1", "EURUSD"), CancellationToken.None);
        Assert.Equal((false, TwinTradeServer.NoSuchOrder), (again.IsDone, again.Message));
    }

    private static async Task<RawPeer> HelloAsync(BridgeHarness h, int version)
    {
        var peer = await h.RawAsync();
        await peer.SendAsync(WireBytes.Frame(1, 1, WireBytes.Hello(BridgeHarness.Token, "T1", 5, "EURUSD"), version: version));
        Assert.Equal(2, (await peer.ReadFrameAsync())!.Value.Type);
        return peer;
    }
}
