using Microsoft.Extensions.Logging;
using Plan2.MarketData.Bridge;
using Plan2.MarketData.Tests.Fuzz;
using Xunit.Abstractions;

namespace Plan2.MarketData.Tests.Bridge;

/// <summary>
/// A bad frame from an authenticated terminal closes that connection only, with its reason counted and logged. Each
/// test prints the hostile frames it sent once they were handled right: the benchmark report counts them.
/// </summary>
public class BridgeHostileInputTests(ITestOutputHelper output)
{
    private const string Frames = "bridge, hostile frames";

    public static TheoryData<string, BridgeFault> Cases => new()
    {
        { "garbage", BridgeFault.BadMagic },
        { "oversize", BridgeFault.FrameTooLarge },
        { "count-mismatch", BridgeFault.Malformed },
        { "unknown-symbol", BridgeFault.UnknownSymbol },
        { "batch-too-large", BridgeFault.BatchTooLarge },
        { "sequence-zero", BridgeFault.Malformed },
        { "frame-sequence-skips", BridgeFault.FrameSequence },
        { "unknown-type", BridgeFault.UnknownType },
        { "server-only-type", BridgeFault.UnexpectedType },
        { "second-hello", BridgeFault.UnexpectedType },
        { "bad-utf8-order-result", BridgeFault.Malformed },
    };

    private static byte[] Hostile(string name, ulong next) => name switch
    {
        "garbage" => Enumerable.Range(0, 64).Select(i => (byte)(i * 37 + 11)).ToArray(),
        "oversize" => new WireBytes().U8('P').U8('2').U8(BridgeProtocol.Version).U8(5).U32(10_000_000).U64(next).ToArray(),
        "count-mismatch" => WireBytes.Frame(5, next, new WireBytes().U16(0).U16(0).U32(10).I64(1).Raw(new byte[9 * 24])),
        "unknown-symbol" => WireBytes.Frame(5, next, WireBytes.Ticks(5, 1, (1, 1.1, 1.2))),
        "batch-too-large" => WireBytes.Frame(5, next, new WireBytes().U16(0).U16(0).U32(9_000).I64(1).Raw(new byte[9_000 * 24])),
        "sequence-zero" => WireBytes.Frame(5, next, WireBytes.Ticks(0, 0, (1, 1.1, 1.2))),
        "frame-sequence-skips" => WireBytes.Frame(5, next + 5, WireBytes.Ticks(0, 1, (1, 1.1, 1.2))),
        "unknown-type" => WireBytes.Frame(99, next, new WireBytes().U32(0)),
        "server-only-type" => WireBytes.Frame(6, next, new WireBytes().U16(0).U16(0).U32(0).I64(1)),
        "second-hello" => WireBytes.Frame(1, next, WireBytes.Hello(BridgeHarness.Token, "T2", 9, "EURUSD")),
        "bad-utf8-order-result" => WireBytes.Frame(10, next,
            new WireBytes().U32(10009).U32(0).U64(1).U64(2).F64(1.1).F64(0.1).U16(2).U8(0xC3).U8(0x28).Str("EURUSD").Str("")),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task HostileFrame_ClosesOnlyThatConnection_OtherKeepsStreaming(string name, BridgeFault expected)
    {
        await using var h = await BridgeHarness.StartAsync();
        var good = await h.ConnectAsync(h.ClientOptions("GOOD", "EURUSD"));
        var bad = await h.ConnectAsync(h.ClientOptions("BAD", "EURUSD"));
        BridgeHarness.AppendTicks(good, 0, 1, 1_500);
        await good.FlushAsync(CancellationToken.None);

        await bad.SendRawAsync(Hostile(name, bad.FramesSent + 1), CancellationToken.None);
        await bad.Closed.WaitAsync(TimeSpan.FromSeconds(20));
        BridgeHarness.AppendTicks(good, 0, 1_501, 1_500);
        await good.FlushAsync(CancellationToken.None);
        await good.WaitForAckAsync(0, 3_000, CancellationToken.None);
        await h.Sink.WaitUntilAsync(s => s.Disconnected.Count == 1);

        h.AssertDeliveredExactly("EURUSD", 3_000);
        Assert.Equal(1, h.Totals.FaultCount(expected));
        Assert.Equal(["GOOD"], h.Server.ConnectedTerminals());
        Assert.Contains(h.Logger.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains($"closed: {expected}"));
        CaseReport.Write(output, Frames, 1, name);
    }

    [Fact]
    public async Task TruncatedFrame_ConnectionEndsInsideIt_NothingOfItDelivered()
    {
        await using var h = await BridgeHarness.StartAsync();
        var peer = await h.RawAsync();
        await peer.SendAsync(WireBytes.Frame(1, 1, WireBytes.Hello(BridgeHarness.Token, "T1", 7, "EURUSD")));
        Assert.Equal((int)BridgeMessageType.Welcome, (await peer.ReadFrameAsync())!.Value.Type);

        var frame = WireBytes.Frame(5, 2, WireBytes.Ticks(0, 1, Enumerable.Range(1, 100).Select(n => BridgeHarness.TickAt(n)).ToArray()));
        await peer.SendAsync(frame[..(frame.Length / 2)]);
        peer.EndSending();
        await h.Sink.WaitUntilAsync(s => s.Disconnected.Count == 1);

        Assert.Empty(h.Sink.Ticks("EURUSD"));
        Assert.Equal(1, h.Totals.FaultCount(BridgeFault.Truncated));
        CaseReport.Write(output, Frames, 1, "truncated frame");
    }

    [Fact]
    public async Task WildTimesInHeartbeatClockAndTicks_ConnectionKept_HealthStillRenders()
    {
        await using var h = await BridgeHarness.StartAsync();
        var peer = await h.RawAsync();
        Assert.Equal((int)BridgeMessageType.Welcome, (await peer.HelloAsync(BridgeHarness.Token))?.Type);

        // Times no TimeSpan can hold: once, a tick like the last one closed the connection as an internal error (so the
        // terminal resent it forever), and a heartbeat like this one made every health snapshot throw.
        await peer.SendAsync(WireBytes.Frame((int)BridgeMessageType.Heartbeat, 2, new WireBytes().I64(long.MaxValue)));
        await peer.SendAsync(WireBytes.Frame((int)BridgeMessageType.Clock, 3, new WireBytes().I64(long.MinValue).I64(long.MinValue).I64(0)));
        await peer.SendAsync(WireBytes.Frame((int)BridgeMessageType.Ticks, 4, WireBytes.Ticks(0, 1, (long.MaxValue, 1.1, 1.2))));
        await h.Sink.WaitUntilAsync(s => s.Ticks("EURUSD").Count == 1);

        var clock = Assert.Single(h.Server.GetHealth().Connections).Clock;
        Assert.Equal(1, clock.TicksAhead);
        Assert.Equal(TimeSpan.MaxValue, clock.MaxTickLead);
        Assert.Equal(-TimeSpan.MaxValue, clock.TerminalSkew);
        Assert.Contains("behind the server's", clock.Problem);
        Assert.Equal(["T1"], h.Server.ConnectedTerminals());
        Assert.Equal(0, h.Totals.Faults.Values.Sum());
        CaseReport.Write(output, Frames, 3, "wild times in HEARTBEAT, CLOCK and TICKS");
    }

    [Fact]
    public async Task FillWithNonFinitePrice_DroppedAndCounted_ConnectionKept()
    {
        await using var h = await BridgeHarness.StartAsync();
        var client = await h.ConnectAsync(h.ClientOptions());

        await client.SendFillAsync(new FillMessage(1, 2, 3, 1_700_000_000_000, double.NaN, 0.1, BridgeOrderSide.Buy, "A-1", "EURUSD"),
            CancellationToken.None);
        BridgeHarness.AppendTicks(client, 0, 1, 10);
        await client.FlushAsync(CancellationToken.None);
        await client.WaitForAckAsync(0, 10, CancellationToken.None);

        Assert.Empty(h.Sink.Reports);
        Assert.Equal(1, h.Totals.FaultCount(BridgeFault.InvalidReport));
        h.AssertDeliveredExactly("EURUSD", 10);
        CaseReport.Write(output, Frames, 1, "FILL with a NaN price");
    }
}
