namespace Plan2.Ml.Serving;

/// <summary>
/// A backtest's own threads for scoring ahead, one per core, that sleep as soon as no stretch is left to score.
/// The thread pool's workers spin a while before they sleep (they expect the next request soon, which suits a
/// server); a backtest hands over a stretch every 256 bars, so between stretches they spun on the cores the trading
/// and the scoring needed. The same tasks run here as on the pool; only the idle wait differs (no process-wide
/// setting: the silo and web keep the pool's behaviour).
/// </summary>
public sealed class ScoringCrew : TaskScheduler, IDisposable
{
    private readonly Queue<Task> _queue = new();
    private readonly Thread[] _threads;
    private bool _stopping;

    public ScoringCrew(int threads)
    {
        _threads = new Thread[Math.Max(1, threads)];
        for (var i = 0; i < _threads.Length; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = "plan2 backtest scoring" };
            _threads[i].Start();
        }
    }

    public override int MaximumConcurrencyLevel => _threads.Length;

    protected override void QueueTask(Task task)
    {
        lock (_queue)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            _queue.Enqueue(task);
            Monitor.Pulse(_queue);
        }
    }

    private void Work()
    {
        while (true)
        {
            Task task;
            lock (_queue)
            {
                while (_queue.Count == 0 && !_stopping)
                    Monitor.Wait(_queue); // blocks at once: no spinning between stretches
                if (_queue.Count == 0)
                    return;
                task = _queue.Dequeue();
            }
            TryExecuteTask(task); // false when a waiter already ran it inline
        }
    }

    // A waiter may run a task itself (Task.Wait on one not started yet, Parallel.For's own share): a task runs once whoever takes it.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_queue)
            return [.. _queue];
    }

    /// <summary>Lets the threads finish what is queued and end; waits for them.</summary>
    public void Dispose()
    {
        lock (_queue)
        {
            if (_stopping) return;
            _stopping = true;
            Monitor.PulseAll(_queue);
        }
        foreach (var thread in _threads)
            if (thread != Thread.CurrentThread)
                thread.Join();
    }
}
