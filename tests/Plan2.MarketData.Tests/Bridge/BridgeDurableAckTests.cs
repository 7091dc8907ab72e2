using Plan2.MarketData.Bridge;

namespace Plan2.MarketData.Tests.Bridge;

/// <summary>
/// ACK means durable: the server acknowledges what its sink reports stored, not what it handed over, and a terminal
/// that reconnects (to this server or to a new one after a crash) resends from the first tick not stored.
/// </summary>
public class BridgeDurableAckTests
{
    [Fact]
    public async Task Ack_FollowsTheStoresCommits_NotDelivery()
    {
        DurableSink? store = null;
        await using var h = await BridgeHarness.StartAsync(wrap: r => store = new DurableSink(r));
        var client = await h.ConnectAsync(h.ClientOptions());

        BridgeHarness.AppendTicks(client, 0, 1, 3_000);
        await client.FlushAsync(CancellationToken.None);
        await h.Sink.WaitUntilAsync(s => s.Ticks("EURUSD").Count == 3_000);
        await Task.Delay(200); // an acknowledgement on delivery would have come by now
        Assert.Equal(0, client.AckedThrough(0));

        store!.Commit("EURUSD", 2_000);
        await client.WaitForAckAsync(0, 2_000, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2_000, client.AckedThrough(0));
        store.Commit("EURUSD", 3_000);
        await client.WaitForAckAsync(0, 3_000, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        // One wait at a time per symbol, each covering everything delivered before it: not one per batch.
        Assert.True(store.Waits < 3, $"{store.Waits} durability waits for 3 batches");
    }

    [Fact]
    public async Task Reconnect_ResendsFromWhatIsStored_NotFromWhatWasDelivered()
    {
        DurableSink? store = null;
        await using var h = await BridgeHarness.StartAsync(wrap: r => store = new DurableSink(r));
        var options = h.ClientOptions();
        var client = await h.ConnectAsync(options);
        BridgeHarness.AppendTicks(client, 0, 1, 400);
        await client.FlushAsync(CancellationToken.None);
        await h.Sink.WaitUntilAsync(s => s.Ticks("EURUSD").Count == 400);
        store!.Commit("EURUSD", 400);
        await client.WaitForAckAsync(0, 400, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        BridgeHarness.AppendTicks(client, 0, 401, 600);
        await client.FlushAsync(CancellationToken.None);
        await h.Sink.WaitUntilAsync(s => s.Ticks("EURUSD").Count == 1_000); // delivered, never stored

        await client.DisconnectAsync();
        await client.ConnectAsync(CancellationToken.None);

        Assert.Equal(401, client.Welcome!.NextSequences[0]);
        await h.Sink.WaitUntilAsync(s => s.Ticks("EURUSD").Count == 1_600);
        Assert.Equal(Enumerable.Range(401, 600).Select(n => (long)n), h.Sink.Ticks("EURUSD").Skip(1_000).Select(t => t.Sequence));
    }

    [Fact]
    public async Task NewServer_ResumesFromTheSinksStoredPosition_AndATerminalThatFreedAcknowledgedTicksLosesNone()
    {
        DurableSink? first = null;
        var h = await BridgeHarness.StartAsync(wrap: r => first = new DurableSink(r));
        var port = h.Server.LocalEndPoint.Port;
        var client = new BridgeClient(h.ClientOptions() with { ReleaseAcknowledged = true });
        await client.ConnectAsync(CancellationToken.None);
        BridgeHarness.AppendTicks(client, 0, 1, 700);
        await client.FlushAsync(CancellationToken.None);
        await h.Sink.WaitUntilAsync(s => s.Ticks("EURUSD").Count == 700);
        first!.Commit("EURUSD", 700);
        await client.WaitForAckAsync(0, 700, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        BridgeHarness.AppendTicks(client, 0, 701, 300);
        await client.FlushAsync(CancellationToken.None);
        await h.Sink.WaitUntilAsync(s => s.Ticks("EURUSD").Count == 1_000);
        await h.DisposeAsync(); // the platform goes away with 701..1000 delivered but not stored

        DurableSink? second = null;
        await using var restarted = await BridgeHarness.StartAsync(wrap: r => second = new DurableSink(r), port: port);
        second!.Commit("EURUSD", 700); // what the store holds
        await client.ConnectAsync(CancellationToken.None);

        Assert.Equal(701, client.Welcome!.NextSequences[0]);
        await restarted.Sink.WaitUntilAsync(s => s.Ticks("EURUSD").Count == 300);
        Assert.Equal(0, client.TicksLostSent);
        Assert.Equal(Enumerable.Range(701, 300).Select(n => (long)n), restarted.Sink.Ticks("EURUSD").Select(t => t.Sequence));
        await client.DisposeAsync();
    }

    [Fact]
    public async Task SinkLosingDeliveredTicks_ClosesTheConnection_SoTheTerminalResends()
    {
        DurableSink? store = null;
        await using var h = await BridgeHarness.StartAsync(wrap: r => store = new DurableSink(r) { LostAfter = 0 });
        var client = await h.ConnectAsync(h.ClientOptions());
        BridgeHarness.AppendTicks(client, 0, 1, 100);
        await client.FlushAsync(CancellationToken.None);

        var reason = await client.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains("not stored", reason);
        Assert.Equal(0, client.AckedThrough(0));
        Assert.Equal(1, h.Totals.FaultCount(BridgeFault.NotStored));
    }
}
