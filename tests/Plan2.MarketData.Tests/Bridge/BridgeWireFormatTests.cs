using Plan2.MarketData.Bridge;

namespace Plan2.MarketData.Tests.Bridge;

/// <summary>
/// A whole conversation in hand-packed bytes, as the EA builds them, checked against PROTOCOL.md
/// field by field: the EA cannot be compiled here, so this is what keeps its layout and ours equal.
/// </summary>
public class BridgeWireFormatTests
{
    [Fact]
    public async Task HandPackedConversation_EveryFrameAsDocumented()
    {
        await using var h = await BridgeHarness.StartAsync();
        var peer = await h.RawAsync();

        await peer.SendAsync(WireBytes.Frame(1, 1, WireBytes.Hello(BridgeHarness.Token, "50123@Broker-Demo", 0xA1B2C3D4E5F60718, "EURUSD", "XAUUSD")));
        var welcome = await peer.ReadFrameAsync();
        Assert.Equal((2, new WireBytes().U32(1_000).U32(10_000).U32(8_192).U32(262_144).U16(2).I64(1).I64(1).ToArray()), welcome);

        await peer.SendAsync(WireBytes.Frame(5, 2, WireBytes.Ticks(1, 1,
            (1_764_400_000_001, 2650.11, 2650.35), (1_764_400_000_001, 2650.12, 2650.35), (1_764_400_000_002, 2650.10, 2650.34))));
        Assert.Equal((6, new WireBytes().U16(1).U16(0).U32(0).I64(3).ToArray()), await peer.ReadFrameAsync());
        Assert.Equal([new SentTick(1, 1_764_400_000_001, 2650.11, 2650.35), new SentTick(2, 1_764_400_000_001, 2650.12, 2650.35),
            new SentTick(3, 1_764_400_000_002, 2650.10, 2650.34)], h.Sink.Ticks("XAUUSD"));

        // Sequence 10 after 3: a gap. The server asks from 4 and names the last time it has.
        await peer.SendAsync(WireBytes.Frame(5, 3, WireBytes.Ticks(1, 10, (1_764_400_000_900, 2650.2, 2650.4))));
        Assert.Equal((7, new WireBytes().U16(1).U16(0).U32(0).I64(4).I64(1_764_400_000_002).ToArray()), await peer.ReadFrameAsync());

        // The terminal no longer has 4..9: TICKS_LOST (acknowledged through 9), then the resend of 10 with the resent flag.
        await peer.SendAsync(WireBytes.Frame(8, 4, new WireBytes().U16(1).U16(0).U32(0).I64(4).I64(10)));
        Assert.Equal((6, new WireBytes().U16(1).U16(0).U32(0).I64(9).ToArray()), await peer.ReadFrameAsync());
        await peer.SendAsync(WireBytes.Frame(5, 5, new WireBytes().U16(1).U16(1).U32(1).I64(10).I64(1_764_400_000_900).F64(2650.2).F64(2650.4)));
        Assert.Equal((6, new WireBytes().U16(1).U16(0).U32(0).I64(10).ToArray()), await peer.ReadFrameAsync());

        Assert.Equal(("XAUUSD", 4L, 6L), Assert.Single(h.Sink.Lost));
        Assert.Equal(new SentTick(10, 1_764_400_000_900, 2650.2, 2650.4), h.Sink.Ticks("XAUUSD")[^1]);
        Assert.Equal(0xA1B2C3D4E5F60718, Assert.Single(h.Sink.Connected).SessionId);
    }

    [Fact]
    public async Task OrderAndResult_HandPacked_AsDocumented_InVersion3()
    {
        await using var h = await BridgeHarness.StartAsync();
        var peer = await h.RawAsync();
        await peer.SendAsync(WireBytes.Frame(1, 1, WireBytes.Hello(BridgeHarness.Token, "T1", 5, "EURUSD"), version: 3));
        await peer.ReadFrameAsync();

        var order = new OrderCommand("ORD-7", "EURUSD", BridgeOrderSide.Sell, BridgeOrderType.Market, 0.25m, DeviationPoints: 20);
        var pending = h.Server.SendOrderAsync("T1", order, CancellationToken.None);
        Assert.Equal((9, new WireBytes().U8(2).U8(1).U16(0).U32(20).F64(0.25).F64(0).F64(0).F64(0).Str("ORD-7").Str("EURUSD").ToArray()),
            await peer.ReadFrameAsync());
        await peer.SendAsync(WireBytes.Frame(10, 2,
            new WireBytes().U32(10009).U32(0).U64(8_001).U64(9_001).F64(1.08431).F64(0.25).Str("ORD-7").Str("EURUSD").Str("done"), version: 3));

        var report = await pending;
        Assert.Equal((ExecutionReportKind.Accepted, 8_001UL, 9_001UL, "done"), (report.Kind, report.OrderTicket, report.DealTicket, report.Message));
    }
}
