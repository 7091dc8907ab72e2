using System.Collections.Concurrent;

namespace Plan2.Ml.Serving;

/// <summary>
/// Threads of their own for scoring ahead in a backtest: one fewer than the machine has cores (at least one), so the
/// backtest's own thread keeps a core to itself. On the thread pool, Parallel.For and the pool's extra workers put up
/// to six scoring threads on two cores beside the trading thread, which then waited on the run queue a sixth of its
/// time. Tasks run in the order queued; any thread that waits for one not yet started runs it itself (the trading
/// thread helps when it catches up, instead of sleeping).
/// </summary>
public sealed class ScoringThreads : TaskScheduler
{
    private readonly BlockingCollection<Task> _queue = new();

    public static ScoringThreads Shared { get; } = new(Math.Max(1, Environment.ProcessorCount - 1));

    private ScoringThreads(int threads)
    {
        MaximumConcurrencyLevel = threads;
        for (var i = 0; i < threads; i++)
            new Thread(Work) { IsBackground = true, Name = "Plan2 scoring" }.Start();
    }

    public override int MaximumConcurrencyLevel { get; }

    private void Work()
    {
        foreach (var task in _queue.GetConsumingEnumerable())
            TryExecuteTask(task); // false when a waiting thread already ran it
    }

    protected override void QueueTask(Task task) => _queue.Add(task);

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();
}
