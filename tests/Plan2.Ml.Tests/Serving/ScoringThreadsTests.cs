using Plan2.Ml.Serving;

namespace Plan2.Ml.Tests.Serving;

public sealed class ScoringThreadsTests
{
    private static Task Start(Action work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, ScoringThreads.Shared);

    [Fact]
    public async Task Scoring_RunsOnItsOwnThreads_NotOnThePool()
    {
        (bool Pool, string? Name) seen = default;
        await Start(() => seen = (Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name));

        Assert.False(seen.Pool);
        Assert.Equal("Plan2 scoring", seen.Name);
        Assert.InRange(ScoringThreads.Shared.MaximumConcurrencyLevel, 1, Math.Max(1, Environment.ProcessorCount - 1));
    }

    [Fact]
    public async Task ATaskNotYetStarted_RunsOnTheThreadThatWaitsForIt()
    {
        // Every scoring thread busy: the trading thread that needs a score runs it itself rather than sleep.
        var (waiter, ranOn) = await Task.Factory.StartNew(WaitForOneQueuedBehindBusyThreads, TaskCreationOptions.LongRunning)
            .WaitAsync(TimeSpan.FromSeconds(30)); // without running it, the wait would last until the busy threads give up

        Assert.Equal(waiter, ranOn);
    }

    /// <summary>On a thread of its own, as the backtest's trading thread: waits for a scoring task as the engine does (no timeout).</summary>
    private static (int Waiter, int RanOn) WaitForOneQueuedBehindBusyThreads()
    {
        using var release = new ManualResetEventSlim();
        var busy = Enumerable.Range(0, ScoringThreads.Shared.MaximumConcurrencyLevel).Select(_ => Start(() => release.Wait(TimeSpan.FromSeconds(60)))).ToArray();
        try
        {
            var ranOn = -1;
            var queued = Start(() => ranOn = Environment.CurrentManagedThreadId);
            queued.Wait(); // only a wait without timeout or token runs a task inline
            return (Environment.CurrentManagedThreadId, ranOn);
        }
        finally
        {
            release.Set();
            Task.WaitAll(busy);
        }
    }
}
