using Microsoft.Extensions.Time.Testing;
using Plan2.MarketData.Bridge;

namespace Plan2.MarketData.Tests.Bridge;

/// <summary>Silent connections are closed. The clock is fake: the tests move time, they do not wait for it.</summary>
public class BridgeHeartbeatTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task SilentTerminal_ClosedAfterHeartbeatTimeout()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        await using var h = await BridgeHarness.StartAsync(o =>
        {
            o.HeartbeatInterval = TimeSpan.FromSeconds(1);
            o.HeartbeatTimeout = TimeSpan.FromSeconds(3);
        }, clock);
        var client = await h.ConnectAsync(h.ClientOptions() with { SendHeartbeats = false });

        await clock.AdvanceUntilAsync(client.Closed, Step);

        Assert.Equal(RejectReason.Timeout, client.LastReject?.Reason);
        Assert.Equal(1, h.Totals.FaultCount(BridgeFault.HeartbeatTimeout));
        await h.Sink.WaitUntilAsync(s => s.Disconnected.Count == 1);
    }

    [Fact]
    public async Task ConnectionWithoutHello_ClosedAfterHelloTimeout_SinkGetsNothing()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        await using var h = await BridgeHarness.StartAsync(o => o.HelloTimeout = TimeSpan.FromSeconds(2), clock);
        var peer = await h.RawAsync();

        var frames = peer.ReadUntilClosedAsync();
        await clock.AdvanceUntilAsync(frames, Step);

        Assert.Equal((int)BridgeMessageType.Reject, Assert.Single(await frames).Type);
        Assert.Equal(1, h.Totals.FaultCount(BridgeFault.HelloTimeout));
        Assert.True(h.Sink.IsEmpty);
    }
}
