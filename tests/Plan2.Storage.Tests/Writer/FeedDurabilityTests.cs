using Plan2.Storage.Ticks;

namespace Plan2.Storage.Tests.Writer;

/// <summary>Acknowledgements wait for commits: a waiter completes when a commit covers it, fails when the writer gives up.</summary>
public sealed class FeedDurabilityTests
{
    [Fact]
    public async Task Waiter_CompletesOnlyWhenACommitCoversIt()
    {
        var durability = new FeedDurability();
        var wait = durability.WhenStoredAsync("t#1", "EURUSD", 100);
        durability.Stored([new FeedCursor("t#1", "EURUSD", 60), new FeedCursor("t#1", "GBPUSD", 500), new FeedCursor("t#2", "EURUSD", 500)]);
        Assert.False(wait.IsCompleted);

        durability.Stored([new FeedCursor("t#1", "EURUSD", 130)]);
        Assert.Equal(130, await wait);
        Assert.Equal(130, await durability.WhenStoredAsync("t#1", "EURUSD", 120)); // already covered: at once
        durability.Known("t#1", "EURUSD", 90); // never moves back
        Assert.Equal(130, durability.Stored("t#1", "EURUSD"));
    }

    [Fact]
    public async Task WriterGivingUp_FailsEveryWaiter()
    {
        var durability = new FeedDurability();
        var wait = durability.WhenStoredAsync("t#1", "EURUSD", 100);
        durability.Faulted(new IOException("store down"));
        await Assert.ThrowsAsync<IOException>(() => wait);
        await Assert.ThrowsAsync<IOException>(() => durability.WhenStoredAsync("t#1", "EURUSD", 1));
    }

    [Fact]
    public void Sequencer_ResumedAfterAStoredTick_NumbersTheRestOfItsMillisecondOn()
    {
        var sequencer = new TickSequencer();
        sequencer.Resume(1_000, 2); // three ticks of ms 1000 are stored
        Assert.Equal(3, sequencer.Next(new Core.MarketData.Tick(1_000, new(1), new(2))).Seq);
        Assert.Equal(0, sequencer.Next(new Core.MarketData.Tick(1_001, new(1), new(2))).Seq);
        sequencer.Resume(1_000, 9); // behind what it numbered itself: ignored
        Assert.Equal(1, sequencer.Next(new Core.MarketData.Tick(1_001, new(1), new(2))).Seq);
    }

    [Fact]
    public async Task RetireOtherSessions_ForgetsTheTerminalsEarlierSessions_AndReleasesTheirWaiters()
    {
        var durability = new FeedDurability();
        durability.Stored([new FeedCursor("t#1", "EURUSD", 60), new FeedCursor("t#1", "GBPUSD", 5), new FeedCursor("u#1", "EURUSD", 7), new FeedCursor("t#desk#1", "EURUSD", 8)]);
        var waiting = durability.WhenStoredAsync("t#1", "EURUSD", 100);

        durability.RetireOtherSessions("t#2");

        Assert.Equal(60, await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(0, durability.Stored("t#1", "EURUSD"));
        Assert.Equal(7, durability.Stored("u#1", "EURUSD"));
        Assert.Equal(8, durability.Stored("t#desk#1", "EURUSD")); // terminal "t#desk" is another terminal
        Assert.Equal(2, durability.Count);
    }
}
