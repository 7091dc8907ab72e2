using System.Collections.Concurrent;
using Plan2.Web.Services.Backtests;

namespace Plan2.Web.Tests.Pages;

public sealed class BacktestThreadTests
{
    /// <summary>What a run does (awaits, and tasks on the current scheduler that it waits for, as the models' batched scoring queues them) stays on the one thread.</summary>
    [Fact]
    public async Task Work_ItsAwaitsAndTheTasksItWaitsFor_RunOnTheOneThread_NotOnThePool()
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
            var scoring = Enumerable.Range(0, 64).Select(i => Task.Factory.StartNew(() => { Note("scoring"); Interlocked.Add(ref total, i); Thread.SpinWait(20_000); },
                CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Current)).ToArray();
            foreach (var task in scoring) task.Wait(); // as the engine waits for a stretch's scores
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
