using Plan2.Core.MarketData;
using Plan2.MarketData.Bridge;

namespace Plan2.MarketData.Tests.Bridge;

/// <summary>SNAPSHOT_REQUEST and TRADE_SNAPSHOT (protocol v3) in hand-packed bytes, and the twin answering from its trade server.</summary>
public class BridgeSnapshotTests
{
    [Fact]
    public async Task SnapshotRequestAndAnswer_HandPacked_AsDocumented()
    {
        await using var h = await BridgeHarness.StartAsync();
        var peer = await h.RawAsync();
        await peer.SendAsync(WireBytes.Frame(1, 1, WireBytes.Hello(BridgeHarness.Token, "50123@Broker-Demo", 9, "EURUSD"), version: 3));
        await peer.ReadFrameAsync();

        Assert.True(await h.Server.RequestSnapshotAsync("50123@Broker-Demo", 1_764_400_000_000, CancellationToken.None));
        Assert.Equal((13, new WireBytes().I64(1_764_400_000_000).ToArray()), await peer.ReadFrameAsync());
        var snapshot = new WireBytes().U64(50123).I64(1_764_400_100_000).I64(1_764_400_000_000).U16(1).U16(1).U16(1).U16(1)
            .U64(8_002).F64(0.5).F64(0.3).F64(1.0805).U8(1).U8(2).U16(0).U32(0).Str("LIM-1").Str("EURUSD")
            .U64(7_001).F64(0.2).F64(1.0811).U8(2).U8(0).U16(0).U32(0).Str("EURUSD")
            .U64(9_005).U64(8_002).U64(7_002).I64(1_764_400_050_000).F64(1.0805).F64(0.2).U8(1).U8(0).U16(0).U32(0).Str("LIM-1").Str("EURUSD");
        await peer.SendAsync(WireBytes.Frame(14, 2, snapshot, version: 3));

        var received = await EventuallyAsync(() => h.Sink.Snapshots.SingleOrDefault());
        Assert.Equal(("50123@Broker-Demo", 50123UL, 1_764_400_000_000L, true), (received.TerminalId, received.Login, received.SinceMs, received.Truncated));
        Assert.Equal(new TerminalOrder(8_002, "LIM-1", "EURUSD", BridgeOrderSide.Buy, BridgeOrderType.Limit, 0.5m, 0.3m, Price.FromDecimal(1.0805m)),
            Assert.Single(received.Orders));
        Assert.Equal(new TerminalPosition(7_001, "EURUSD", BridgeOrderSide.Sell, 0.2m, Price.FromDecimal(1.0811m)), Assert.Single(received.Positions));
        var deal = Assert.Single(received.Deals);
        Assert.Equal((ExecutionReportKind.Fill, 9_005UL, 8_002UL, "LIM-1", 0.2m, 1_764_400_050_000L), (deal.Kind, deal.DealTicket, deal.OrderTicket,
            deal.ClientOrderId, deal.Volume, deal.TimeUnixMs));
    }

    [Fact]
    public async Task SnapshotWithANonFiniteVolume_IsDroppedWhole_ConnectionKept()
    {
        await using var h = await BridgeHarness.StartAsync();
        var peer = await h.RawAsync();
        await peer.SendAsync(WireBytes.Frame(1, 1, WireBytes.Hello(BridgeHarness.Token, "T1", 9, "EURUSD"), version: 3));
        await peer.ReadFrameAsync();

        var bad = new WireBytes().U64(1).I64(0).I64(0).U16(0).U16(1).U16(0).U16(0).U64(7_001).F64(double.NaN).F64(1.08).U8(1).U8(0).U16(0).U32(0).Str("EURUSD");
        await peer.SendAsync(WireBytes.Frame(14, 2, bad, version: 3));
        await peer.SendAsync(WireBytes.Frame(4, 3, new WireBytes().I64(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()), version: 3));

        await EventuallyAsync(() => h.Totals.FaultCount(BridgeFault.InvalidReport) == 1 ? (object)1 : null);
        Assert.Empty(h.Sink.Snapshots);
        Assert.Single(h.Server.ConnectedTerminals());
    }

    [Fact]
    public async Task Version2Terminal_IsNotAskedForSnapshots_AndMaySendNone()
    {
        await using var h = await BridgeHarness.StartAsync();
        var peer = await h.RawAsync();
        await peer.SendAsync(WireBytes.Frame(1, 1, WireBytes.Hello(BridgeHarness.Token, "T2", 9, "EURUSD"), version: 2));
        await peer.ReadFrameAsync();

        Assert.False(await h.Server.RequestSnapshotAsync("T2", 0, CancellationToken.None));
        await peer.SendAsync(WireBytes.Frame(14, 2, new WireBytes().U64(1).I64(0).I64(0).U16(0).U16(0).U16(0).U16(0), version: 2));
        await peer.ReadUntilClosedAsync();
        Assert.Equal(1, h.Totals.FaultCount(BridgeFault.UnexpectedType));
    }

    [Fact]
    public async Task Twin_AnswersWithItsOrdersPositionsAndTheDealsSinceTheRequest()
    {
        await using var h = await BridgeHarness.StartAsync();
        var trade = new TwinTradeServer(50123) { Behaviour = TwinOrderBehaviour.Fill };
        var client = await h.ConnectAsync(h.ClientOptions() with { TradeServer = trade });
        var report = await h.Server.SendOrderAsync("T1", new OrderCommand("B-1", "EURUSD", BridgeOrderSide.Buy, BridgeOrderType.Market, 0.3m), CancellationToken.None);
        trade.Behaviour = TwinOrderBehaviour.Rest;
        await h.Server.SendOrderAsync("T1", new OrderCommand("L-1", "EURUSD", BridgeOrderSide.Sell, BridgeOrderType.Limit, 0.1m, Price.FromDecimal(1.2m)),
            CancellationToken.None);
        var dealTime = Assert.Single(trade.Deals).TimeMs;

        Assert.True(await h.Server.RequestSnapshotAsync("T1", dealTime, CancellationToken.None));
        var all = await EventuallyAsync(() => h.Sink.Snapshots.SingleOrDefault());
        Assert.True(await h.Server.RequestSnapshotAsync("T1", dealTime + 1, CancellationToken.None));
        var none = await EventuallyAsync(() => h.Sink.Snapshots.Skip(1).SingleOrDefault());

        Assert.Equal(report.OrderTicket, Assert.Single(all.Deals).OrderTicket);
        Assert.Equal(("L-1", 0.1m), (Assert.Single(all.Orders).ClientOrderId, all.Orders[0].VolumeCurrent));
        Assert.Equal((BridgeOrderSide.Buy, 0.3m), (Assert.Single(all.Positions).Side, all.Positions[0].Volume));
        Assert.Empty(none.Deals);
        Assert.Equal(50123UL, none.Login);
        Assert.Equal(2, h.Sink.Reports.Count(r => r.Kind == ExecutionReportKind.Accepted));
        Assert.Single(h.Sink.Reports, r => r.Kind == ExecutionReportKind.Fill);
        GC.KeepAlive(client);
    }

    private static async Task<T> EventuallyAsync<T>(Func<T?> read) where T : class
    {
        for (var attempt = 0; attempt < 200; attempt++, await Task.Delay(25))
            if (read() is { } value)
                return value;
        throw new TimeoutException("Nothing arrived in 5 s.");
    }
}
