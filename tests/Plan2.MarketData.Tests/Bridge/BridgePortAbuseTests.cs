using System.Buffers.Binary;
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Plan2.MarketData.Bridge;
using Plan2.MarketData.Tests.Fuzz;
using Xunit.Abstractions;

namespace Plan2.MarketData.Tests.Bridge;

/// <summary>
/// Whoever can reach the bridge port without the token: idle sockets, a trickling sender, a token
/// guesser. None of them keeps a real terminal out. Real sockets on loopback; 127.0.0.x are distinct peers. Each test
/// prints the hostile connections it opened once they were handled right: the benchmark report counts them.
/// </summary>
public class BridgePortAbuseTests(ITestOutputHelper output)
{
    private const string Connections = "bridge, port abuse connections";

    private static RejectReason ReasonOf(byte[] rejectPayload) => (RejectReason)BinaryPrimitives.ReadUInt16LittleEndian(rejectPayload);

    private static IPAddress Loopback(int last) => new([127, 0, 0, (byte)last]);

    [Fact]
    public async Task IdleUnauthenticatedSockets_FromOneAndFromManyAddresses_DoNotKeepARealTerminalOut()
    {
        // A long hello deadline: the idle sockets must still hold their places when the terminal dials.
        await using var h = await BridgeHarness.StartAsync(o => o.HelloTimeout = TimeSpan.FromMinutes(1));
        var idle = new List<RawPeer>();
        for (var i = 0; i < 20; i++)
            idle.Add(await h.RawAsync()); // 127.0.0.1, the real terminal's own address
        for (var address = 2; address <= 9; address++)
            for (var i = 0; i < 8; i++)
                idle.Add(await RawPeer.ConnectAsync(h.Server.LocalEndPoint, Loopback(address)));
        // Every idle socket was accepted (or made way) before the terminal dials.
        await WaitUntilAsync(() => h.Server.GetHealth().Connections.Count
            + h.Totals.FaultCount(BridgeFault.ServerFull) + h.Totals.FaultCount(BridgeFault.HandshakeEvicted) >= idle.Count);

        var client = await h.ConnectAsync(h.ClientOptions());

        Assert.Contains("T1", h.Server.ConnectedTerminals());
        Assert.False(client.Closed.IsCompleted);
        // 12 of the 20 from 127.0.0.1 (8 per address), then its last 8 for the room's 64 (the oldest go first),
        // then the oldest of 127.0.0.2 for the terminal itself.
        await WaitUntilAsync(() => h.Totals.FaultCount(BridgeFault.HandshakeEvicted) == 21,
            () => $"{h.Totals.FaultCount(BridgeFault.HandshakeEvicted)} evicted");
        foreach (var peer in idle)
            await peer.DisposeAsync();
        CaseReport.Write(output, Connections, idle.Count, "idle unauthenticated sockets");
    }

    [Fact]
    public async Task SenderTricklingAFrameAfterHello_IsClosed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        await using var h = await BridgeHarness.StartAsync(o => o.FrameTimeout = TimeSpan.FromSeconds(5), clock);
        var peer = await h.RawAsync();
        Assert.Equal((int)BridgeMessageType.Welcome, (await peer.HelloAsync(BridgeHarness.Token))?.Type);
        var heartbeat = WireBytes.Frame((int)BridgeMessageType.Heartbeat, 2, new WireBytes().I64(1));
        var frames = peer.ReadUntilClosedAsync();

        // One byte a second: every byte is news, but the frame is never whole before the frame deadline.
        var sent = 0;
        while (!frames.IsCompleted && sent < heartbeat.Length - 1)
        {
            await peer.SendAsync([heartbeat[sent++]]);
            await Task.Delay(20);
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(frames, Task.Delay(50));
        }
        await clock.AdvanceUntilAsync(frames, TimeSpan.FromMilliseconds(100));

        Assert.True(sent < heartbeat.Length - 1, "closed while the frame was still incomplete");
        Assert.Equal(RejectReason.Timeout, ReasonOf(Assert.Single(await frames).Payload));
        Assert.Equal(1, h.Totals.FaultCount(BridgeFault.FrameTimeout));
        await h.Sink.WaitUntilAsync(s => s.Disconnected.Count == 1);
        CaseReport.Write(output, Connections, 1, "sender trickling a frame");
    }

    [Fact]
    public async Task WrongTokens_FromOneAddress_AreAnsweredSlowerEachTime_OtherAddressesAreNot()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        await using var h = await BridgeHarness.StartAsync(o =>
        {
            o.AuthFailureDelay = TimeSpan.FromSeconds(1);
            o.MaxAuthFailureDelay = TimeSpan.FromSeconds(4);
        }, clock);

        var first = await h.RawAsync();
        Assert.Equal(RejectReason.AuthFailed, ReasonOf((await first.HelloAsync("wrong-1"))!.Value.Payload));

        var second = await h.RawAsync();
        var answer = second.HelloAsync("wrong-2");
        await Task.Delay(300);
        Assert.False(answer.IsCompleted, "a second wrong token from the same address is not answered at once");
        clock.Advance(TimeSpan.FromMilliseconds(900));
        await Task.Delay(100);
        Assert.False(answer.IsCompleted, "not before its delay has passed");
        await clock.AdvanceUntilAsync(answer, TimeSpan.FromMilliseconds(100));
        Assert.Equal(RejectReason.AuthFailed, ReasonOf((await answer)!.Value.Payload));

        var elsewhere = await RawPeer.ConnectAsync(h.Server.LocalEndPoint, Loopback(2));
        var quick = elsewhere.HelloAsync("wrong-3");
        Assert.Same(quick, await Task.WhenAny(quick, Task.Delay(5000)));
        Assert.Equal(RejectReason.AuthFailed, ReasonOf((await quick)!.Value.Payload));
        Assert.Equal(3, h.Totals.FaultCount(BridgeFault.AuthFailed));
        await first.DisposeAsync();
        await second.DisposeAsync();
        await elsewhere.DisposeAsync();
        CaseReport.Write(output, Connections, h.Totals.FaultCount(BridgeFault.AuthFailed), "wrong tokens");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string>? state = null)
    {
        for (var i = 0; i < 200 && !condition(); i++)
            await Task.Delay(50);
        Assert.True(condition(), state?.Invoke());
    }
}
