using Microsoft.Extensions.DependencyInjection;
using Plan2.Abstractions.MarketData;
using Plan2.Hosting.MarketData;
using Plan2.Integration.Tests.Infrastructure;
using Plan2.MarketData.Bridge;

namespace Plan2.Integration.Tests.MarketData;

/// <summary>
/// The live path in a real silo: a client speaking the Expert Advisor's protocol → the bridge server
/// → InstrumentGrains → the tick store.
/// </summary>
public sealed class BridgeToGrainTests() : RealSiloTest("bridge")
{
    [Fact]
    public async Task TicksFromATerminal_ReachTheirInstruments_AndAreStored()
    {
        var bridge = Silo.Services.GetRequiredService<BridgeService>();
        var (a, b) = ("A" + Guid.NewGuid().ToString("n")[..6].ToUpperInvariant(), "B" + Guid.NewGuid().ToString("n")[..6].ToUpperInvariant());
        await using var terminal = new BridgeClient(new BridgeClientOptions
        {
            Host = "127.0.0.1", Port = bridge.Server.LocalEndPoint.Port, Token = bridge.Token,
            TerminalId = "test-terminal", Symbols = [a, b],
        });
        await terminal.ConnectAsync(CancellationToken.None);
        var t0 = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds();
        for (var i = 0; i < 5_000; i++)
        {
            terminal.Append(0, t0 + i, 1.1 + (i % 10) * 0.00001, 1.1001 + (i % 10) * 0.00001);
            if (i % 2 == 0) terminal.Append(1, t0 + i, 150.1, 150.12);
        }
        terminal.Append(0, t0 + 5_000, 1.2, 1.1); // crossed: rejected by the instrument, not by the bridge
        await terminal.FlushAsync(CancellationToken.None);
        await terminal.WaitForAckAsync(0, 5_001, CancellationToken.None);
        await terminal.WaitForAckAsync(1, 2_500, CancellationToken.None);

        var snapA = await Silo.Grains.GetGrain<IInstrumentGrain>(a).GetSnapshotAsync(0);
        var snapB = await Silo.Grains.GetGrain<IInstrumentGrain>(b).GetSnapshotAsync(0);

        Assert.Equal(5_000, snapA.AcceptedTicks);
        Assert.Equal(1, snapA.RejectedByReason["bid_above_ask"]);
        Assert.Equal(new QuoteView(a, t0 + 4_999, 1.10009m, 1.10019m), snapA.LastQuote);
        Assert.Equal(2_500, snapB.AcceptedTicks);

        var store = Silo.Services.GetRequiredService<TickStoreService>();
        await store.Writer.FlushAsync();
        long stored = 0;
        await foreach (var _ in store.Store.ReadTicksAsync(a, t0, t0 + 10_000))
            stored++;
        Assert.Equal(5_000, stored);
    }

    [Fact]
    public async Task TerminalCallingItselfByTheReplaysName_CannotKeepItsTicksOutOfTheStore()
    {
        var bridge = Silo.Services.GetRequiredService<BridgeService>();
        await using var impostor = new BridgeClient(new BridgeClientOptions
        {
            Host = "127.0.0.1", Port = bridge.Server.LocalEndPoint.Port, Token = bridge.Token,
            TerminalId = FeedNames.ReplayTerminal, Symbols = ["EURUSD"],
        });

        // Main accepted it as the replay and left its ticks out of the store; the name no longer decides.
        var refused = await Assert.ThrowsAsync<BridgeRejectedException>(() => impostor.ConnectAsync(CancellationToken.None));
        Assert.Equal(RejectReason.AuthFailed, refused.Reject.Reason);
        Assert.DoesNotContain(bridge.Server.GetHealth().Connections, c => c.TerminalId == FeedNames.ReplayTerminal && !c.IsInternal);
    }

    [Fact]
    public async Task TerminalSendingBrokerTime_FeedHealthSaysItsClockIsOff()
    {
        var bridge = Silo.Services.GetRequiredService<BridgeService>();
        await using var terminal = new BridgeClient(new BridgeClientOptions
        {
            Host = "127.0.0.1", Port = bridge.Server.LocalEndPoint.Port, Token = bridge.Token,
            TerminalId = "broker-time", Symbols = ["C" + Guid.NewGuid().ToString("n")[..6].ToUpperInvariant()], ProtocolVersion = 1,
        });
        await terminal.ConnectAsync(CancellationToken.None);
        var brokerNow = DateTimeOffset.UtcNow.AddHours(3).ToUnixTimeMilliseconds(); // a v1 EA on a UTC+3 broker
        for (var i = 0; i < 10; i++)
            terminal.Append(0, brokerNow + i, 1.1, 1.1001);
        await terminal.FlushAsync(CancellationToken.None);
        await terminal.WaitForAckAsync(0, 10, CancellationToken.None);

        var feeds = Silo.Grains.GetGrain<IMarketFeedGrain>(IMarketFeedGrain.Key);
        FeedHealth? mt5 = null;
        for (var attempt = 0; attempt < 50 && mt5?.ClockProblem is null; attempt++, await Task.Delay(200))
            mt5 = (await feeds.GetAllAsync()).FirstOrDefault(f => f.Kind == "mt5");

        Assert.NotNull(mt5);
        Assert.StartsWith("clock off: broker-time: 10 tick(s)", mt5.ClockProblem);
    }
}
