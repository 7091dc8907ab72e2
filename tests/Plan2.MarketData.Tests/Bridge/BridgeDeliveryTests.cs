using Plan2.Abstractions.MarketData;
using Plan2.MarketData.Bridge;

namespace Plan2.MarketData.Tests.Bridge;

/// <summary>
/// Ticks go to the sink per symbol off the read loop: a slow instrument holds up neither the socket nor the other
/// symbols, each symbol still arrives in order (with several of its batches queued meanwhile), the queue is bounded, and
/// what was queued when the sink failed is sent again by the terminal: nothing is acknowledged that the sink did not take.
/// </summary>
public class BridgeDeliveryTests
{
    [Fact]
    public async Task SlowSymbol_HoldsUpNeitherTheOthers_NorItsOwnOrder()
    {
        GatedSink? gate = null;
        await using var h = await BridgeHarness.StartAsync(wrap: r => gate = new GatedSink(r, "EURUSD"));
        var client = await h.ConnectAsync(h.ClientOptions("T1", "EURUSD", "GBPUSD") with { MaxTicksPerBatch = 100 });

        BridgeHarness.AppendTicks(client, 0, 1, 1_000); // ten frames, the first held by the sink
        BridgeHarness.AppendTicks(client, 1, 1, 1_000);
        await client.FlushAsync(CancellationToken.None);
        await gate!.Entered.WaitAsync(TimeSpan.FromSeconds(10));

        await h.Sink.WaitUntilAsync(s => s.Ticks("GBPUSD").Count == 1_000);
        Assert.Empty(h.Sink.Ticks("EURUSD"));
        await client.WaitForAckAsync(1, 1_000, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, client.AckedThrough(0));

        gate.Release();
        await h.Sink.WaitUntilAsync(s => s.Ticks("EURUSD").Count == 1_000);
        h.AssertDeliveredExactly("EURUSD", 1_000);
        h.AssertDeliveredExactly("GBPUSD", 1_000);
        await client.WaitForAckAsync(0, 1_000, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task QueuedTicks_AreBounded_ThenTheConnectionStopsReading()
    {
        GatedSink? gate = null;
        await using var h = await BridgeHarness.StartAsync(o => o.MaxQueuedTicks = 200, wrap: r => gate = new GatedSink(r, "EURUSD"));
        var client = await h.ConnectAsync(h.ClientOptions() with { MaxTicksPerBatch = 100 });

        BridgeHarness.AppendTicks(client, 0, 1, 2_000);
        await client.FlushAsync(CancellationToken.None);
        await gate!.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(300); // a read loop that went on would have decoded all twenty frames by now

        // Held (100) and queued (at most 200, the batch that crossed the bound included): the rest waits in the socket.
        Assert.InRange(h.Totals.TicksReceived, 100, 300);
        gate.Release();
        await h.Sink.WaitUntilAsync(s => s.Ticks("EURUSD").Count == 2_000);
        h.AssertDeliveredExactly("EURUSD", 2_000);
    }

    [Fact]
    public async Task SinkFailing_WithBatchesQueued_AcknowledgesNoneOfThem_AndTheResendLosesNothing()
    {
        GatedSink? gate = null;
        await using var h = await BridgeHarness.StartAsync(wrap: r => gate = new GatedSink(r, "EURUSD"));
        var client = await h.ConnectAsync(h.ClientOptions() with { MaxTicksPerBatch = 100 });
        BridgeHarness.AppendTicks(client, 0, 1, 100);
        await client.FlushAsync(CancellationToken.None);
        await gate!.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        gate.Release();
        await client.WaitForAckAsync(0, 100, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        gate.Hold();
        BridgeHarness.AppendTicks(client, 0, 101, 900); // one frame held, eight queued behind it
        await client.FlushAsync(CancellationToken.None);
        await gate.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(200);
        gate.Fail(); // e.g. the instrument's silo died with the call

        await client.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, h.Totals.FaultCount(BridgeFault.SinkFailed));
        Assert.Equal(100, client.AckedThrough(0));
        Assert.Equal(100, h.Sink.Ticks("EURUSD").Count);

        await client.ConnectAsync(CancellationToken.None);
        Assert.Equal(101, client.Welcome!.NextSequences[0]);
        await h.Sink.WaitUntilAsync(s => s.Ticks("EURUSD").Count == 1_000);
        h.AssertDeliveredExactly("EURUSD", 1_000);
        await client.WaitForAckAsync(0, 1_000, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>
    /// A TICKS_LOST waits for its symbol's queue (the sink hears of a loss after the ticks before it). While it waits
    /// the read loop reads nothing, the terminal's heartbeats included: that silence is the sink's, and must not close
    /// a healthy terminal for a heartbeat timeout.
    /// </summary>
    [Fact]
    public async Task ALossWaitingBehindASlowInstrument_IsNotTakenForASilentTerminal()
    {
        GatedSink? gate = null;
        await using var h = await BridgeHarness.StartAsync(o =>
        {
            o.HeartbeatInterval = TimeSpan.FromMilliseconds(200);
            o.HeartbeatTimeout = TimeSpan.FromSeconds(1);
        }, wrap: r => gate = new GatedSink(r, "EURUSD"));
        var client = await h.ConnectAsync(h.ClientOptions() with { MaxTicksPerBatch = 50, HistoryCapacity = 100 });
        BridgeHarness.AppendTicks(client, 0, 1, 50); // held by the sink
        await client.FlushAsync(CancellationToken.None);
        await gate!.Entered.WaitAsync(TimeSpan.FromSeconds(10));

        BridgeHarness.AppendTicks(client, 0, 51, 250);
        client.SkipUnsent(0, 200); // 51..200 never sent and gone from the ring: the terminal answers the resend with TICKS_LOST
        await client.FlushAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(3)); // three heartbeat timeouts with the loss waiting on the held delivery

        Assert.False(client.Closed.IsCompleted, $"closed: {client.LastReject?.Reason} {client.LastReject?.Message}");
        Assert.Equal(0, h.Totals.FaultCount(BridgeFault.HeartbeatTimeout));
        gate.Release();
        await client.WaitForAckAsync(0, 300, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(("EURUSD", 51L, 150L), Assert.Single(h.Sink.Lost));
        Assert.Equal(Enumerable.Range(1, 50).Concat(Enumerable.Range(201, 100)).Select(n => (long)n),
            h.Sink.Ticks("EURUSD").Select(t => t.Sequence));
    }

    /// <summary>Holds the first tick delivery of one symbol until released, or failed.</summary>
    private sealed class GatedSink(RecordingSink inner, string held) : ForwardingSink(inner)
    {
        private readonly object _gate = new();
        private TaskCompletionSource _entered = NewSignal();
        private TaskCompletionSource<bool> _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool _holding = true;

        public Task Entered { get { lock (_gate) return _entered.Task; } }
        public void Release() { lock (_gate) _open.TrySetResult(true); }
        public void Fail() { lock (_gate) _open.TrySetResult(false); }

        /// <summary>Holds the next delivery of the symbol again.</summary>
        public void Hold()
        {
            lock (_gate)
            {
                _holding = true;
                _entered = NewSignal();
                _open = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        public override async ValueTask OnTicksAsync(BridgeSession session, TickBatch batch, CancellationToken ct)
        {
            Task<bool>? open = null;
            lock (_gate)
            {
                if (batch.Symbol == held && _holding)
                {
                    _holding = false;
                    open = _open.Task;
                    _entered.TrySetResult();
                }
            }
            if (open is not null && !await open)
                throw new InvalidOperationException("the instrument is gone");
            await Inner.OnTicksAsync(session, batch, ct);
        }


        private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
