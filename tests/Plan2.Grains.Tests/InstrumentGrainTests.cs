using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Plan2.Abstractions.MarketData;
using Plan2.Core.MarketData;
using Plan2.Hosting.MarketData;

namespace Plan2.Grains.Tests;

[Collection(ClusterCollection.Name)]
public class InstrumentGrainTests(ClusterFixture fixture)
{
    private static readonly long T0 = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeMilliseconds() / 60_000 * 60_000;

    private static string NewSymbol() => "T" + Guid.NewGuid().ToString("n")[..8].ToUpperInvariant();

    private static TickBatch Batch(string symbol, long first, params (long Offset, double Bid, double Ask)[] ticks) => new(
        symbol, first, ticks.Select(t => T0 + t.Offset).ToArray(), ticks.Select(t => t.Bid).ToArray(), ticks.Select(t => t.Ask).ToArray());

    [Fact]
    public async Task PublishTicks_KeepsTheLastQuote_AndCountsRejectsByReason()
    {
        var symbol = NewSymbol();
        var grain = fixture.Cluster.GrainFactory.GetGrain<IInstrumentGrain>(symbol);

        var accepted = await grain.PublishTicksAsync(Batch(symbol, 0,
            (0, 1.10000, 1.10010), (5, double.NaN, 1.1), (10, 1.2, 1.1), (20, 1.10002, 1.10012)));
        var snapshot = await grain.GetSnapshotAsync(10);

        Assert.Equal(2, accepted);
        Assert.Equal(new QuoteView(symbol, T0 + 20, 1.10002m, 1.10012m), snapshot.LastQuote);
        Assert.Equal(2, snapshot.AcceptedTicks);
        Assert.Equal(new Dictionary<string, long> { ["not_a_number"] = 1, ["bid_above_ask"] = 1 }, snapshot.RejectedByReason);
    }

    [Fact]
    public async Task BarCloses_ReachObservers_WithIndicators_AndAppearInTheSnapshot()
    {
        var symbol = NewSymbol();
        var grain = fixture.Cluster.GrainFactory.GetGrain<IInstrumentGrain>(symbol);
        var observer = new RecordingObserver();
        var reference = fixture.Cluster.Client.CreateObjectReference<IInstrumentObserver>(observer);
        await grain.SubscribeAsync(reference);

        // 40 one-minute bars: one tick at the start of each minute; the 41st tick closes the 40th bar.
        var ticks = Enumerable.Range(0, 41).Select(i => (i * 60_000L, 1.1 + i * 0.0001, 1.1002 + i * 0.0001)).ToArray();
        await grain.PublishTicksAsync(Batch(symbol, 0, ticks));
        var snapshot = await grain.GetSnapshotAsync(100);

        var m1 = snapshot.RecentBars["M1"];
        Assert.Equal(40, m1.Count);
        Assert.Equal(1.1039m, m1[^1].Close);
        Assert.True(double.IsNaN(m1[18].Indicators.Sma20));
        Assert.Equal(Enumerable.Range(20, 20).Select(i => 1.1 + i * 0.0001).Average(), m1[^1].Indicators.Sma20, 9);
        await WaitUntil(() => observer.Bars.Count(b => b.Timeframe == "M1") == 40);
        Assert.Equal(m1, observer.Bars.Where(b => b.Timeframe == "M1").OrderBy(b => b.OpenTimeUnixMs));
        await WaitUntil(() => !observer.Quotes.IsEmpty);
        Assert.Equal(T0 + 40 * 60_000L, observer.Quotes.Last().TimeUnixMs);
    }

    [Fact]
    public async Task ABarsOnlyObserver_GetsEveryClose_NumberedInOneEpoch_AndNoQuotes()
    {
        var symbol = NewSymbol();
        var grain = fixture.Cluster.GrainFactory.GetGrain<IInstrumentGrain>(symbol);
        var observer = new RecordingObserver(); // could take quotes, but subscribes for bar closes only
        await grain.SubscribeBarsAsync(fixture.Cluster.Client.CreateObjectReference<IBarObserver>(observer));

        var ticks = Enumerable.Range(0, 11).Select(i => (i * 60_000L, 1.1 + i * 0.0001, 1.1002 + i * 0.0001)).ToArray();
        await grain.PublishTicksAsync(Batch(symbol, 0, ticks));
        await grain.PublishTicksAsync(Batch(symbol, 11, (11 * 60_000L, 1.1, 1.1002)));

        await WaitUntil(() => observer.Bars.Count(b => b.Timeframe == "M1") == 11);
        var m1 = observer.Bars.Where(b => b.Timeframe == "M1").OrderBy(b => b.Sequence).ToList();
        Assert.Equal(Enumerable.Range(1, 11).Select(i => (long)i), m1.Select(b => b.Sequence));
        Assert.Single(m1.Select(b => b.Epoch).Distinct());
        Assert.NotEqual(0, m1[0].Epoch);
        await Task.Delay(200); // a quote would have arrived with the closes
        Assert.Empty(observer.Quotes);
    }

    [Fact]
    public async Task AcceptedTicks_AreStoredInTheTickStore()
    {
        var symbol = NewSymbol();
        var grain = fixture.Cluster.GrainFactory.GetGrain<IInstrumentGrain>(symbol);

        await grain.PublishTicksAsync(Batch(symbol, 0, (0, 1.1, 1.1001), (1, 1.1, 1.1001), (1, 1.1001, 1.1002), (2, 1.3, 1.2)));

        long stored = 0;
        foreach (var silo in fixture.Cluster.Silos.Cast<InProcessSiloHandle>())
        {
            var service = silo.SiloHost.Services.GetRequiredService<TickStoreService>();
            await service.Writer.FlushAsync();
            await foreach (var _ in service.Store.ReadTicksAsync(symbol, T0, T0 + 1000))
                stored++;
        }
        Assert.Equal(3, stored); // the crossed quote is not stored
    }

    /// <summary>
    /// The read warm-up a silo runs as it starts takes the activation's whole read path (candles of every timeframe,
    /// then ticks) and must change nothing: a new activation afterwards still numbers and rebuilds as without it.
    /// </summary>
    [Fact]
    public async Task TheTickStoreReadWarmUp_RunsEveryReadOfAnActivation_AndChangesNothing()
    {
        var symbol = NewSymbol();
        var grain = fixture.Cluster.GrainFactory.GetGrain<IInstrumentGrain>(symbol);
        await grain.PublishTicksAsync(Batch(symbol, 0, (0, 1.1, 1.1001), (1, 1.1001, 1.1002)));

        var storedPerSilo = new List<long>();
        foreach (var silo in fixture.Cluster.Silos.Cast<InProcessSiloHandle>())
        {
            var service = silo.SiloHost.Services.GetRequiredService<TickStoreService>();
            Assert.Equal(TimeframeExtensions.All.Count() + 2, await service.WarmUpReadsAsync(CancellationToken.None));
            await service.Writer.FlushAsync();
            long stored = 0;
            await foreach (var _ in service.Store.ReadTicksAsync(symbol, T0, T0 + 1000))
                stored++;
            storedPerSilo.Add(stored);
        }
        // Each silo has its own store: the instrument's silo holds both ticks, the others none.
        Assert.Equal(2, storedPerSilo.Sum());
        Assert.Contains(2L, storedPerSilo);
        Assert.Equal(2, (await grain.GetSnapshotAsync(0)).AcceptedTicks);
    }

    [Fact]
    public async Task ABatchForAnotherSymbol_IsRefused()
    {
        var grain = fixture.Cluster.GrainFactory.GetGrain<IInstrumentGrain>(NewSymbol());

        await Assert.ThrowsAsync<ArgumentException>(() => grain.PublishTicksAsync(Batch("OTHER", 0, (0, 1.1, 1.2))));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
            await Task.Delay(25);
        Assert.True(condition());
    }

    [Fact]
    public async Task SubscribingAndReading_AreAnswered_WhileABatchWaitsOnTheStore()
    {
        // A store slow to commit holds the instrument's batch; a dashboard or predictor subscribing meanwhile must not
        // wait behind it (a web process once waited the full 30 s response timeout and showed no watchlist).
        var symbol = NewSymbol();
        var grain = fixture.Cluster.GrainFactory.GetGrain<IInstrumentGrain>(symbol);
        await grain.GetQuoteAsync(); // activated first: the hold is on recording, not on the start
        var observer = new RecordingObserver();
        var quotes = fixture.Cluster.Client.CreateObjectReference<IInstrumentObserver>(observer);
        var bars = fixture.Cluster.Client.CreateObjectReference<IBarObserver>(observer);
        Task publishing;
        using (var held = HeldTickRecorder.Hold(symbol))
        {
            publishing = grain.PublishTicksAsync(Batch(symbol, 0, (0, 1.10000, 1.10010)));
            await held.Reached.WaitAsync(TimeSpan.FromSeconds(30));
            await grain.SubscribeAsync(quotes).WaitAsync(TimeSpan.FromSeconds(10));
            await grain.SubscribeBarsAsync(bars).WaitAsync(TimeSpan.FromSeconds(10));
            await grain.UnsubscribeBarsAsync(bars).WaitAsync(TimeSpan.FromSeconds(10));
            // Reads too: the batch is applied (only its recording waits), so the board sees its quote.
            var snapshot = await grain.GetSnapshotAsync(1).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(T0, snapshot.LastQuote?.TimeUnixMs);
            Assert.False(publishing.IsCompleted);
        }
        await publishing;
        await grain.PublishTicksAsync(Batch(symbol, 1, (1_000, 1.10001, 1.10011)));
        await WaitUntil(() => observer.Quotes.Any(q => q.TimeUnixMs == T0 + 1_000)); // the subscription taken meanwhile holds
        await grain.UnsubscribeAsync(quotes).WaitAsync(TimeSpan.FromSeconds(10));
    }

    private sealed class RecordingObserver : IInstrumentObserver
    {
        public ConcurrentQueue<QuoteView> Quotes { get; } = new();
        public ConcurrentQueue<BarView> Bars { get; } = new();

        public Task OnQuoteAsync(QuoteView quote)
        {
            Quotes.Enqueue(quote);
            return Task.CompletedTask;
        }

        public Task OnBarClosedAsync(BarView bar)
        {
            Bars.Enqueue(bar);
            return Task.CompletedTask;
        }
    }
}
