using Plan2.MarketData.Bridge;

namespace Plan2.MarketData.Tests.Bridge;

/// <summary>
/// The platform's own feeds (replay) are recognised by a secret only this process holds, not by their
/// name: a terminal that calls itself "plan2-…" with the terminals' token is refused, so it cannot
/// pass for the replay (whose ticks are not stored) nor replace its connection.
/// </summary>
public class BridgeInternalFeedTests
{
    [Theory]
    [InlineData("plan2-replay")]
    [InlineData("PLAN2-bench")]
    public async Task OutsideTerminal_TakingAPlatformFeedName_Refused(string terminal)
    {
        await using var h = await BridgeHarness.StartAsync();

        var refused = await Assert.ThrowsAsync<BridgeRejectedException>(() => h.ConnectAsync(h.ClientOptions(terminal)));

        Assert.Equal(RejectReason.AuthFailed, refused.Reject.Reason);
        Assert.Contains("platform's own feeds", refused.Reject.Message);
        Assert.Equal(1, h.Totals.FaultCount(BridgeFault.ReservedTerminalId));
        Assert.True(h.Sink.IsEmpty);
    }

    [Fact]
    public async Task InternalToken_MakesTheSessionInternal_TheNameDoesNot()
    {
        await using var h = await BridgeHarness.StartAsync();
        Assert.NotEqual(BridgeHarness.Token, h.Server.InternalToken);

        await h.ConnectAsync(h.ClientOptions("plan2-replay") with { Token = h.Server.InternalToken });
        await h.ConnectAsync(h.ClientOptions("replay"));

        await h.Sink.WaitUntilAsync(s => s.Connected.Count == 2); // the sink hears of a session just after its WELCOME
        var sessions = h.Sink.Connected;
        Assert.True(sessions.Single(s => s.TerminalId == "plan2-replay").IsInternal);
        Assert.False(sessions.Single(s => s.TerminalId == "replay").IsInternal);
        Assert.Equal(["plan2-replay"], h.Server.GetHealth().Connections.Where(c => c.IsInternal).Select(c => c.TerminalId));
    }

    [Fact]
    public async Task InternalToken_DrawnPerServer()
    {
        await using var a = await BridgeHarness.StartAsync();
        await using var b = await BridgeHarness.StartAsync();

        Assert.NotEqual(a.Server.InternalToken, b.Server.InternalToken);
        await Assert.ThrowsAsync<BridgeRejectedException>(() => b.ConnectAsync(b.ClientOptions("plan2-replay") with { Token = a.Server.InternalToken }));
    }
}
