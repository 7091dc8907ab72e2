using Plan2.Ml.Serving;

namespace Plan2.Ml.Tests.Serving;

/// <summary>The backtest's scoring threads: its own (not the pool's), every task run once, gone after Dispose.</summary>
public sealed class ScoringCrewTests
{
    [Fact]
    public async Task ParallelWork_RunsOnTheCrewsOwnThreads_EachItemOnce()
    {
        using var crew = new ScoringCrew(2);
        var counts = new int[64];
        var onPool = 0;
        var names = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        var work = Task.Factory.StartNew(() =>
            Parallel.For(0, counts.Length, new ParallelOptions { TaskScheduler = crew }, i =>
            {
                Interlocked.Increment(ref counts[i]);
                if (Thread.CurrentThread.IsThreadPoolThread) Interlocked.Increment(ref onPool);
                names[Thread.CurrentThread.Name ?? ""] = true;
            }), CancellationToken.None, TaskCreationOptions.DenyChildAttach, crew);
        await work;

        Assert.All(counts, c => Assert.Equal(1, c));
        Assert.Equal(0, onPool);
        Assert.Equal(["plan2 backtest scoring"], names.Keys);
    }

    [Fact]
    public void Dispose_EndsTheThreads_AfterWhatWasQueued_AndRefusesMore()
    {
        var crew = new ScoringCrew(2);
        var ran = 0;
        var tasks = Enumerable.Range(0, 10).Select(_ => Task.Factory.StartNew(() => Interlocked.Increment(ref ran),
            CancellationToken.None, TaskCreationOptions.None, crew)).ToArray();

        crew.Dispose();

        Assert.Equal(10, ran);
        Assert.All(tasks, t => Assert.True(t.IsCompletedSuccessfully));
        void QueueOneMore() => _ = Task.Factory.StartNew(() => { }, CancellationToken.None, TaskCreationOptions.None, crew);
        Assert.Throws<TaskSchedulerException>(QueueOneMore);
        crew.Dispose(); // twice is harmless
    }
}
