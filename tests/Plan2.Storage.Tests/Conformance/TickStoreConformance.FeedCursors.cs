using Plan2.Storage.Ticks;

namespace Plan2.Storage.Tests.Conformance;

/// <summary>Feed cursors: how far a terminal session's ticks are stored, read back by a restarted platform to resume from.</summary>
public abstract partial class TickStoreConformance
{
    [Fact]
    public async Task FeedCursor_StoredWithItsTicks_ReadBackPerFeedAndSymbol_NeverMovesBack()
    {
        await using var store = await CreateStoreAsync();
        var (a, b) = (NewSymbol(), NewSymbol());
        var feed = "terminal-" + Guid.NewGuid().ToString("n")[..6] + "#42";
        Assert.Equal(0, await store.ReadFeedCursorAsync(feed, a));

        await store.AppendManyAsync([new TickRun(a, Walk(0, 100))], [], [new FeedCursor(feed, a, 100), new FeedCursor(feed, b, 7)]);
        await store.AppendManyAsync([new TickRun(a, Walk(100, 50))], [], [new FeedCursor(feed, a, 150)]);
        await store.AppendManyAsync([], [], [new FeedCursor(feed, a, 120)]); // a late, lower report changes nothing

        Assert.Equal(150, await store.ReadFeedCursorAsync(feed, a));
        Assert.Equal(7, await store.ReadFeedCursorAsync(feed, b));
        Assert.Equal(0, await store.ReadFeedCursorAsync(feed + "0", a));
        Assert.Equal(150, (await ToListAsync(store.ReadTicksAsync(a, T0, T0 + 10_000))).Count);
    }

    [Fact]
    public async Task RetireOtherSessions_DropsTheTerminalsEarlierSessions_KeepsItsCurrentAndOtherTerminals()
    {
        await using var store = await CreateStoreAsync();
        var symbol = NewSymbol();
        var (terminal, other) = ("t-" + Guid.NewGuid().ToString("n")[..6], "u-" + Guid.NewGuid().ToString("n")[..6]);
        await store.AppendManyAsync([], [],
        [
            new FeedCursor($"{terminal}#1", symbol, 10), new FeedCursor($"{terminal}#2", symbol, 20),
            new FeedCursor($"{terminal}#3", symbol, 30), new FeedCursor($"{other}#1", symbol, 40),
            new FeedCursor($"{terminal}#desk#1", symbol, 50), // terminal "…#desk": its name starts as the first one's sessions do
        ]);

        await store.RetireOtherSessionsAsync($"{terminal}#3");

        Assert.Equal(0, await store.ReadFeedCursorAsync($"{terminal}#1", symbol));
        Assert.Equal(0, await store.ReadFeedCursorAsync($"{terminal}#2", symbol));
        Assert.Equal(30, await store.ReadFeedCursorAsync($"{terminal}#3", symbol));
        Assert.Equal(40, await store.ReadFeedCursorAsync($"{other}#1", symbol));
        Assert.Equal(50, await store.ReadFeedCursorAsync($"{terminal}#desk#1", symbol));
    }
}
