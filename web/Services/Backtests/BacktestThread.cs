using System.Collections.Concurrent;

namespace Plan2.Web.Services.Backtests;

/// <summary>
/// A task scheduler with one thread of its own, for one dashboard backtest. A run is seconds to minutes of CPU:
/// on the pool, a run and its models' scoring starved the pages, the circuits and the co-hosted silo (a page's
/// navigation waited over 30 s). Here the run, its awaits' continuations and its models' scoring tasks (queued on
/// the current scheduler, run here when the run waits for them) all stay on this one thread, and the pool keeps
/// serving everything else. Code run here must not block on an
/// await that would come back to this thread (BoundedLineReader.FirstLine does not).
/// </summary>
public sealed class BacktestThread : TaskScheduler, IDisposable
{
    private readonly BlockingCollection<Task> _queue = new();
    private readonly Thread _thread;

    public BacktestThread(string name)
    {
        _thread = new Thread(Work) { IsBackground = true, Name = name, Priority = ThreadPriority.BelowNormal };
        _thread.Start();
    }

    public override int MaximumConcurrencyLevel => 1;

    /// <summary>Runs <paramref name="work"/> on this thread, with every continuation inside it.</summary>
    public Task<T> RunAsync<T>(Func<Task<T>> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, this).Unwrap();

    private void Work()
    {
        foreach (var task in _queue.GetConsumingEnumerable())
            TryExecuteTask(task);
    }

    protected override void QueueTask(Task task)
    {
        try
        {
            _queue.Add(task);
        }
        catch (InvalidOperationException)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => TryExecuteTask(task), null); // a straggler after the run ended
        }
    }

    // The run waits for its scoring tasks from this thread: they must run inline here, or it would wait forever.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        Thread.CurrentThread == _thread && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    public void Dispose() => _queue.CompleteAdding();
}
