using System.Buffers.Binary;
using Plan2.MarketData.Bridge;

namespace Plan2.MarketData.Tests.Bridge;

/// <summary>An unauthenticated peer gets one REJECT and a closed connection, and the sink hears nothing of it.</summary>
public class BridgeAuthTests
{
    private static RejectReason ReasonOf(byte[] rejectPayload) => (RejectReason)BinaryPrimitives.ReadUInt16LittleEndian(rejectPayload);

    [Fact]
    public async Task WrongToken_OnlyRejectThenClose_SinkGetsNothing()
    {
        await using var h = await BridgeHarness.StartAsync();
        var peer = await h.RawAsync();

        await peer.SendAsync(WireBytes.Frame(1, 1, WireBytes.Hello("test-token-5f1c2a9f", "T1", 7, "EURUSD")));

        var reject = Assert.Single(await peer.ReadUntilClosedAsync());
        Assert.Equal((int)BridgeMessageType.Reject, reject.Type);
        Assert.Equal(RejectReason.AuthFailed, ReasonOf(reject.Payload));
        Assert.True(h.Sink.IsEmpty);
        Assert.Equal(1, h.Totals.FaultCount(BridgeFault.AuthFailed));
    }

    [Fact]
    public async Task WrongToken_ClientConnect_ThrowsRejected()
    {
        await using var h = await BridgeHarness.StartAsync();

        var error = await Assert.ThrowsAsync<BridgeRejectedException>(() => h.ConnectAsync(h.ClientOptions() with { Token = "nope" }));

        Assert.Equal(RejectReason.AuthFailed, error.Reject.Reason);
        Assert.True(h.Sink.IsEmpty);
    }

    [Fact]
    public async Task TicksBeforeHello_RejectHelloRequiredThenClose_NothingDelivered()
    {
        await using var h = await BridgeHarness.StartAsync();
        var peer = await h.RawAsync();

        await peer.SendAsync(WireBytes.Frame(5, 1, WireBytes.Ticks(0, 1, (1_700_000_000_000, 1.1, 1.2))));

        var reject = Assert.Single(await peer.ReadUntilClosedAsync());
        Assert.Equal(RejectReason.HelloRequired, ReasonOf(reject.Payload));
        Assert.True(h.Sink.IsEmpty);
    }

    [Fact]
    public async Task HelloOfAnotherVersion_RejectNamesOurVersion()
    {
        await using var h = await BridgeHarness.StartAsync();
        var peer = await h.RawAsync();

        await peer.SendAsync(WireBytes.Frame(1, 1, WireBytes.Hello(BridgeHarness.Token, "T1", 7, "EURUSD"), version: BridgeProtocol.Version + 1));

        var reject = Assert.Single(await peer.ReadUntilClosedAsync());
        Assert.Equal(RejectReason.UnsupportedVersion, ReasonOf(reject.Payload));
        Assert.Equal(BridgeProtocol.Version, reject.Payload[2]);
        Assert.True(h.Sink.IsEmpty);
    }

    [Theory]
    [InlineData("EURUSD", "GBPUSD", "USDJPY")]
    [InlineData("EURUSD", "EURUSD")]
    [InlineData("EUR\nUSD")]
    public async Task HelloWithBadSymbols_RejectBadSymbols(params string[] symbols)
    {
        await using var h = await BridgeHarness.StartAsync(o => o.MaxSymbols = 2);
        var peer = await h.RawAsync();

        await peer.SendAsync(WireBytes.Frame(1, 1, WireBytes.Hello(BridgeHarness.Token, "T1", 7, symbols)));

        var reject = Assert.Single(await peer.ReadUntilClosedAsync());
        Assert.Equal(RejectReason.BadSymbols, ReasonOf(reject.Payload));
        Assert.True(h.Sink.IsEmpty);
    }

    [Fact]
    public async Task OversizeHello_ClosedBeforeThePayloadIsRead()
    {
        await using var h = await BridgeHarness.StartAsync();
        var peer = await h.RawAsync();

        // Only the header is sent: the declared length alone must be enough to refuse.
        await peer.SendAsync(new WireBytes().U8('P').U8('2').U8(1).U8(1).U32(1_000_000).U64(1).ToArray());

        var reject = Assert.Single(await peer.ReadUntilClosedAsync());
        Assert.Equal(RejectReason.MalformedHello, ReasonOf(reject.Payload));
        Assert.Equal(1, h.Totals.FaultCount(BridgeFault.FrameTooLarge));
    }

    [Fact]
    public async Task ServerFull_AnotherTerminalRejectedAtHello_TheSameTerminalStillReconnects()
    {
        await using var h = await BridgeHarness.StartAsync(o => o.MaxConnections = 1);
        await h.ConnectAsync(h.ClientOptions());
        var extra = await h.RawAsync();

        await extra.SendAsync(WireBytes.Frame(1, 1, WireBytes.Hello(BridgeHarness.Token, "T2", 7, "EURUSD")));

        var reject = Assert.Single(await extra.ReadUntilClosedAsync());
        Assert.Equal(RejectReason.ServerFull, ReasonOf(reject.Payload));
        var again = await h.RawAsync();
        Assert.Equal((int)BridgeMessageType.Welcome, (await again.HelloAsync(BridgeHarness.Token, "T1"))?.Type);
    }
}
