using Plan2.Abstractions.MarketData;
using Plan2.MarketData.Bridge;

namespace Plan2.MarketData.Tests.Bridge;

/// <summary>
/// The bridge reuses a batch's arrays only for a sink that says it lets go of them once its call has completed; a sink
/// that keeps batches (the default) gets arrays of its own every time, so what it holds never changes under it.
/// </summary>
public class TickArrayReuseTests
{
    [Fact]
    public async Task ASinkThatLetsGo_GetsItsArraysAgain_AndEveryTickRight()
    {
        CopyingSink? copying = null;
        await using var h = await BridgeHarness.StartAsync(wrap: r => copying = new CopyingSink(r));
        await SendTwentyBatchesOneByOneAsync(h);

        h.AssertDeliveredExactly("EURUSD", 2_000);
        Assert.Equal(20, copying!.Batches);
        Assert.True(copying.DistinctArrays < 20, $"{copying.DistinctArrays} arrays for 20 batches of one size: none reused");
    }

    [Fact]
    public async Task ASinkThatKeepsBatches_NeverSeesTheirArraysReused()
    {
        await using var h = await BridgeHarness.StartAsync();
        await SendTwentyBatchesOneByOneAsync(h);

        // The recording sink holds every batch as delivered: a reused array would have overwritten the earlier ticks.
        h.AssertDeliveredExactly("EURUSD", 2_000);
    }

    /// <summary>Ticks 1..2,000 in batches of 100, each acknowledged before the next is sent (so each is taken before the next is decoded).</summary>
    private static async Task SendTwentyBatchesOneByOneAsync(BridgeHarness h)
    {
        var client = await h.ConnectAsync(h.ClientOptions() with { MaxTicksPerBatch = 100 });
        for (var from = 1; from <= 2_000; from += 100)
        {
            BridgeHarness.AppendTicks(client, 0, from, 100);
            await client.FlushAsync(CancellationToken.None);
            await client.WaitForAckAsync(0, from + 99, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>Copies each batch into the recording sink and lets go of the original, noting which arrays it was handed.</summary>
    private sealed class CopyingSink(RecordingSink inner) : ForwardingSink(inner)
    {
        private readonly HashSet<long[]> _seen = new(ReferenceEqualityComparer.Instance);
        private int _batches;

        public override bool ReleasesTickArrays => true;
        public int Batches { get { lock (_seen) return _batches; } }
        public int DistinctArrays { get { lock (_seen) return _seen.Count; } }

        public override async ValueTask OnTicksAsync(BridgeSession session, TickBatch batch, CancellationToken ct)
        {
            lock (_seen)
            {
                _seen.Add(batch.TimesUnixMs);
                _batches++;
            }
            var copy = batch with { TimesUnixMs = [.. batch.TimesUnixMs], Bids = [.. batch.Bids], Asks = [.. batch.Asks] };
            await Inner.OnTicksAsync(session, copy, ct);
        }
    }
}
