using System.Collections.Concurrent;
using Plan2.Web.Services.Backtests;

namespace Plan2.Web.Tests.Pages;

public sealed class BacktestThreadTests
{
    /// <summary>What a run does (awaits, and Parallel.For on the current scheduler as the models' batched scoring runs it) stays on the one thread.</summary>
    [Fact]
    public async Task Work_ItsAwaitsAndItsParallelFor_RunOnTheOneThread_NotOnThePool()
    {
        using var thread = new BacktestThread("test-backtest");
        var seen = new ConcurrentBag<(int Id, bool Pool, string Where)>();
        void Note(string where) => seen.Add((Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread, where));

        var sum = await thread.RunAsync(async () =>
        {
            Note("start");
            await Task.Delay(20);
            Note("after delay");
            var total = 0L;
            Parallel.For(0, 64, new ParallelOptions { TaskScheduler = TaskScheduler.Current }, i => { Note("parallel"); Interlocked.Add(ref total, i); Thread.SpinWait(20_000); });
            await Task.Yield();
            Note("after yield");
            return total;
        });

        Assert.Equal(64 * 63 / 2, sum);
        Assert.True(seen.Select(s => s.Id).Distinct().Count() == 1, string.Join(", ", seen.Select(s => $"{s.Where} {s.Id} {s.Pool}").Distinct()));
        Assert.DoesNotContain(seen, s => s.Pool);
    }

    [Fact]
    public async Task Work_ThatFails_FailsItsTask()
    {
        using var thread = new BacktestThread("test-backtest");
        await Assert.ThrowsAsync<InvalidDataException>(() => thread.RunAsync<int>(async () =>
        {
            await Task.Yield();
            throw new InvalidDataException("bad line");
        }));
    }
}
