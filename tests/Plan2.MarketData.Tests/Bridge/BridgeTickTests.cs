using Plan2.MarketData.Bridge;

namespace Plan2.MarketData.Tests.Bridge;

/// <summary>Every tick reaches the sink once, in sequence order, with its exact values: through gaps, resends and reconnects.</summary>
public class BridgeTickTests
{
    [Fact]
    public async Task Ticks_ArriveInOrderWithExactValues_PerSymbol()
    {
        await using var h = await BridgeHarness.StartAsync();
        var client = await h.ConnectAsync(h.ClientOptions("T1", "EURUSD", "USDJPY"));

        BridgeHarness.AppendTicks(client, 0, 1, 2_500);
        BridgeHarness.AppendTicks(client, 1, 1, 700);
        await client.FlushAsync(CancellationToken.None);
        await client.WaitForAckAsync(0, 2_500, CancellationToken.None);
        await client.WaitForAckAsync(1, 700, CancellationToken.None);

        h.AssertDeliveredExactly("EURUSD", 2_500);
        h.AssertDeliveredExactly("USDJPY", 700);
        Assert.Equal(3 + 1, h.Sink.BatchCount); // 1000 + 1000 + 500, and 700: batches of at most the client's 1000
        Assert.Equal(0, h.Totals.DuplicateTicks + h.Totals.Gaps);
    }

    [Fact]
    public async Task LostFrame_GapAnsweredWithResendRequest_SinkHasEveryTickOnce()
    {
        await using var h = await BridgeHarness.StartAsync();
        var client = await h.ConnectAsync(h.ClientOptions());

        BridgeHarness.AppendTicks(client, 0, 1, 1_000);
        await client.FlushAsync(CancellationToken.None);
        BridgeHarness.AppendTicks(client, 0, 1_001, 1_000);
        client.SkipUnsent(0, 1_000); // ticks 1001..2000 "lost on the way"
        BridgeHarness.AppendTicks(client, 0, 2_001, 1_000);
        await client.FlushAsync(CancellationToken.None);
        await client.WaitForAckAsync(0, 3_000, CancellationToken.None);

        h.AssertDeliveredExactly("EURUSD", 3_000);
        var totals = h.Totals;
        Assert.Equal(1, totals.Gaps);
        Assert.Equal(1, client.ResendRequestsReceived);
        Assert.NotNull(totals.LastGapAt);
        Assert.Equal(1_000, totals.DeferredTicks); // 2001..3000 came first and again with the resend
    }

    [Fact]
    public async Task ResentTicks_AlreadyDelivered_DroppedAsDuplicates()
    {
        await using var h = await BridgeHarness.StartAsync();
        var client = await h.ConnectAsync(h.ClientOptions() with { MaxTicksPerBatch = 300 });
        BridgeHarness.AppendTicks(client, 0, 1, 1_000);
        await client.FlushAsync(CancellationToken.None);
        await client.WaitForAckAsync(0, 1_000, CancellationToken.None);

        client.Rewind(0, 501); // frames 501..800 (all seen) and 801..1010 (seen up to 1000)
        BridgeHarness.AppendTicks(client, 0, 1_001, 10);
        await client.FlushAsync(CancellationToken.None);
        await client.WaitForAckAsync(0, 1_010, CancellationToken.None);

        h.AssertDeliveredExactly("EURUSD", 1_010);
        Assert.Equal(500, h.Totals.DuplicateTicks);
    }

    [Fact]
    public async Task ResendBeyondTheTerminalsHistory_LossReportedNotSilent()
    {
        await using var h = await BridgeHarness.StartAsync();
        var client = await h.ConnectAsync(h.ClientOptions() with { HistoryCapacity = 100 });
        BridgeHarness.AppendTicks(client, 0, 1, 50);
        await client.FlushAsync(CancellationToken.None);

        BridgeHarness.AppendTicks(client, 0, 51, 250);
        client.SkipUnsent(0, 200); // 51..250 never sent, and 51..200 already out of the 100-tick ring
        await client.FlushAsync(CancellationToken.None);
        await client.WaitForAckAsync(0, 300, CancellationToken.None);

        Assert.Equal(("EURUSD", 51L, 150L), Assert.Single(h.Sink.Lost));
        Assert.Equal(Enumerable.Range(1, 50).Concat(Enumerable.Range(201, 100)).Select(n => (long)n),
            h.Sink.Ticks("EURUSD").Select(t => t.Sequence));
        Assert.Equal(150, h.Totals.TicksLost);
        Assert.Equal(1, client.TicksLostSent);
    }

    [Fact]
    public async Task Reconnect_SameSession_WelcomeResumesWithoutLossOrDuplicates()
    {
        await using var h = await BridgeHarness.StartAsync();
        var client = await h.ConnectAsync(h.ClientOptions());
        BridgeHarness.AppendTicks(client, 0, 1, 500);
        await client.FlushAsync(CancellationToken.None);
        await client.WaitForAckAsync(0, 500, CancellationToken.None);
        await client.DisconnectAsync();
        await h.Sink.WaitUntilAsync(s => s.Disconnected.Count == 1);

        BridgeHarness.AppendTicks(client, 0, 501, 300); // the EA keeps collecting while disconnected
        await client.ConnectAsync(CancellationToken.None);
        await client.WaitForAckAsync(0, 800, CancellationToken.None);

        Assert.Equal([501L], client.Welcome!.NextSequences);
        h.AssertDeliveredExactly("EURUSD", 800);
        Assert.Equal(0, h.Totals.DuplicateTicks + h.Totals.Gaps);
    }

    [Fact]
    public async Task Reconnect_AfterTheRingOverflowedOffline_WelcomeLeadsToARecordedLoss()
    {
        await using var h = await BridgeHarness.StartAsync();
        var client = await h.ConnectAsync(h.ClientOptions() with { HistoryCapacity = 100 });
        BridgeHarness.AppendTicks(client, 0, 1, 50);
        await client.FlushAsync(CancellationToken.None);
        await client.WaitForAckAsync(0, 50, CancellationToken.None);
        await client.DisconnectAsync();
        await h.Sink.WaitUntilAsync(s => s.Disconnected.Count == 1);

        BridgeHarness.AppendTicks(client, 0, 51, 250); // the ring keeps 201..300
        await client.ConnectAsync(CancellationToken.None);
        await client.WaitForAckAsync(0, 300, CancellationToken.None);

        Assert.Equal(("EURUSD", 51L, 150L), Assert.Single(h.Sink.Lost));
        Assert.Equal(150, h.Sink.Ticks("EURUSD").Count);
        Assert.Equal(0, h.Totals.Gaps); // WELCOME said where to resume: no gap had to be detected
    }

    [Fact]
    public async Task SecondConnectionOfATerminal_ReplacesTheFirst_AndContinuesItsSequence()
    {
        await using var h = await BridgeHarness.StartAsync();
        var options = h.ClientOptions();
        var first = await h.ConnectAsync(options);
        BridgeHarness.AppendTicks(first, 0, 1, 100);
        await first.FlushAsync(CancellationToken.None);
        await first.WaitForAckAsync(0, 100, CancellationToken.None);

        var second = await h.ConnectAsync(options);

        Assert.Contains(nameof(RejectReason.Replaced), await first.Closed.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal([101L], second.Welcome!.NextSequences);
        Assert.Equal(1, h.Totals.FaultCount(BridgeFault.Replaced));
    }

    [Fact]
    public async Task NewSession_RestartsSequencesAtOne()
    {
        await using var h = await BridgeHarness.StartAsync();
        var first = await h.ConnectAsync(h.ClientOptions() with { SessionId = 1 });
        BridgeHarness.AppendTicks(first, 0, 1, 100);
        await first.FlushAsync(CancellationToken.None);
        await first.WaitForAckAsync(0, 100, CancellationToken.None);
        await first.DisconnectAsync();

        var restarted = await h.ConnectAsync(h.ClientOptions() with { SessionId = 2 });

        Assert.Equal([1L], restarted.Welcome!.NextSequences);
    }
}
