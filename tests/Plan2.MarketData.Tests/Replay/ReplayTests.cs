using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Plan2.Core.MarketData;
using Plan2.MarketData.Replay;
using Plan2.Tests.Shared;

namespace Plan2.MarketData.Tests.Replay;

public class ReplayTests
{
    [Fact]
    public async Task FileSource_FindsEverySymbolOfTheSharedHistory_InTimeOrder()
    {
        var source = FileReplaySource.TryCreate(SharedData.Root, TimeProvider.System);

        Assert.NotNull(source);
        Assert.Equal(["AUDUSD", "EURUSD", "USDCAD", "USDCHF"], source.Symbols);
        long previous = long.MinValue, count = 0;
        await foreach (var tick in source.ReadAsync("USDCAD", CancellationToken.None))
        {
            Assert.True(tick.TimeMs > previous);
            Assert.True(tick.Ask > tick.Bid);
            previous = tick.TimeMs;
            count++;
        }
        Assert.Equal(50_000 * 4, count);
    }

    [Fact]
    public void FileSource_OnAFolderWithoutHistory_IsNull() =>
        Assert.Null(FileReplaySource.TryCreate(TestFolders.Create("plan2-empty-"), TimeProvider.System));

    [Fact]
    public void BarTicks_RisingBar_DipsFirst_AndKeepsOhlc()
    {
        var bar = new Candle(0, Price.Parse("1.1"), Price.Parse("1.3"), Price.Parse("1.0"), Price.Parse("1.2"));
        var ticks = new Tick[4];

        BarTicks.Synthesize(bar, Price.Parse("0.0001"), ticks);

        Assert.Equal(["1.1", "1", "1.3", "1.2"], ticks.Select(t => t.Bid.ToString()));
        Assert.All(ticks, t => Assert.Equal(Price.Parse("0.0001"), t.Spread));
        var rebuilt = new CandleBuilder(Timeframe.M1);
        foreach (var t in ticks) rebuilt.OnTick(t, out _);
        Assert.Equal(bar with { TickCount = 4 }, rebuilt.Current);
    }

    [Fact]
    public async Task Runner_PublishesEveryTickInOrder_AndLoopsWithIncreasingTimes()
    {
        var source = new ListSource([.. Enumerable.Range(0, 10).Select(i => new Tick(i * 1_000L, new Price(100_000_000 + i), new Price(100_000_100 + i)))]);
        var published = new ConcurrentQueue<Tick>();
        using var cts = new CancellationTokenSource();
        var runner = new ReplayRunner(source, speed: 1_000, (_, ticks, _) =>
        {
            foreach (var t in ticks) published.Enqueue(t);
            if (published.Count >= 25) cts.Cancel();
            return ValueTask.CompletedTask;
        });

        // Cancelled mid-delay it throws; cancelled right after a flush it simply returns. Either way it stops.
        try
        {
            await runner.RunAsync(cts.Token).WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (OperationCanceledException)
        {
        }
        Assert.True(cts.IsCancellationRequested);

        var times = published.Select(t => t.TimeMs).ToList();
        Assert.True(times.Count >= 25);
        Assert.Equal(times.Order(), times);
        Assert.Equal(times.Count, times.Distinct().Count());
        Assert.Equal(7 * 86_400_000L, times[10] - times[0]); // the second pass, a week later
        Assert.Equal(published.Take(10).Select(t => t.Bid), published.Skip(10).Take(10).Select(t => t.Bid));
    }

    private sealed class ListSource(Tick[] ticks) : IReplaySource
    {
        public string Description => "list";
        public bool IsSimulated => false;
        public IReadOnlyList<string> Symbols => ["LIST"];

        public async IAsyncEnumerable<Tick> ReadAsync(string symbol, [EnumeratorCancellation] CancellationToken ct)
        {
            foreach (var t in ticks)
            {
                ct.ThrowIfCancellationRequested();
                yield return t;
            }
            await Task.CompletedTask;
        }
    }
}
