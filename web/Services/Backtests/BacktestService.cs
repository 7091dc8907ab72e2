using System.Threading.Channels;
using Plan2.Backtesting;

namespace Plan2.Web.Services.Backtests;

/// <summary>
/// Runs the dashboard's backtests one at a time, each on a thread of its own (<see cref="BacktestThread"/>: never on a
/// circuit's thread nor the thread pool: a run takes seconds to minutes of CPU), keeps every run on disk (<see cref="BacktestStore"/>) and tells the
/// pages about each change (<see cref="Changed"/>, progress at most every <see cref="ProgressEvery"/>).
/// A run can be cancelled queued or running; runs cut off by a stop are marked interrupted on the next start.
/// </summary>
/// <remarks>
/// One lock guards one table of runs (record and cancellation together), and every change of state goes through
/// <see cref="BacktestRecord.MoveTo"/> on the record in the table: a cancel and the run's end cannot both win, and
/// what Cancel answers is what the run becomes. Before, a dictionary of records, one of cancellation sources and
/// the queue each held part of the truth: a cancel acknowledged as the run wrote its report still ended "Finished",
/// and a stale record could move a cancelled run back to running.
/// </remarks>
public sealed class BacktestService(BacktestStore store, BacktestJob job, TimeProvider clock, ILogger<BacktestService> logger) : BackgroundService
{
    public static readonly TimeSpan ProgressEvery = TimeSpan.FromMilliseconds(250);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Run> _runs = new(StringComparer.Ordinal);
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>One run as the table holds it: its latest record, and while it runs, the way to stop it.</summary>
    private sealed class Run(BacktestRecord record)
    {
        public BacktestRecord Record = record;
        public CancellationTokenSource? Stop;
        public bool CancelAsked;
    }

    /// <summary>Raised in order of the changes, under the service's lock: handlers marshal to their own thread (InvokeAsync) and return quickly.</summary>
    public event Action<BacktestRecord>? Changed;

    public IReadOnlyList<BacktestRecord> List(string tenantId)
    {
        lock (_gate)
            return [.. _runs.Values.Select(r => r.Record).Where(r => r.TenantId == tenantId).OrderByDescending(r => r.CreatedAt)];
    }

    public BacktestRecord? Get(string id, string tenantId)
    {
        lock (_gate)
            return _runs.TryGetValue(id, out var r) && r.Record.TenantId == tenantId ? r.Record : null;
    }

    public async Task<BacktestRecord> StartAsync(BacktestRequest request, DashboardUser user)
    {
        RequireTrader(user);
        job.Check(request); // a bad choice is refused at once, with its reason
        await _loaded.Task;
        var now = clock.GetUtcNow();
        var record = new BacktestRecord
        {
            Id = $"{now:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}", TenantId = user.TenantId, UserName = user.DisplayName,
            Request = request with { Symbol = request.Symbol.Trim().ToUpperInvariant() }, CreatedAt = now,
        };
        lock (_gate)
        {
            _runs.Add(record.Id, new Run(record));
            Publish(record);
        }
        await _queue.Writer.WriteAsync(record.Id);
        return record;
    }

    /// <summary>
    /// Cancels a queued run at once, or asks a running one to stop: true means it ends Cancelled, whatever the run
    /// was doing meanwhile; false means it had already ended (or is not the user's tenant's).
    /// </summary>
    public bool Cancel(string id, DashboardUser user)
    {
        RequireTrader(user);
        lock (_gate)
        {
            if (!_runs.TryGetValue(id, out var run) || run.Record.TenantId != user.TenantId || run.Record.State.IsOver())
                return false;
            if (run.Record.State == BacktestState.Queued)
            {
                Move(run, BacktestState.Cancelled, r => r with { FinishedAt = clock.GetUtcNow() });
                return true;
            }
            run.CancelAsked = true;
            run.Stop?.Cancel(); // under the lock: the worker disposes it only under the lock, after the run ended
            return true;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loaded = store.LoadAll().ToList();
        lock (_gate)
        {
            foreach (var record in loaded)
            {
                var run = _runs[record.Id] = new Run(record);
                if (!record.State.IsOver())
                    Move(run, BacktestState.Interrupted, r => r with { Error = "The web process stopped during this run.", FinishedAt = clock.GetUtcNow() });
            }
        }
        _loaded.TrySetResult();
        await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            Run? run = null;
            BacktestRecord running;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            lock (_gate)
            {
                if (!_runs.TryGetValue(id, out run) || !Move(run, BacktestState.Running, r => r with { StartedAt = clock.GetUtcNow() }))
                    continue; // cancelled while it waited
                run.Stop = stop;
                running = run.Record;
            }
            var (end, change) = await Task.Run(() => RunAsync(running, stop.Token), CancellationToken.None);
            lock (_gate)
            {
                run!.Stop = null;
                if (run.CancelAsked) // the cancel was answered "yes": so it ends, even if the job got to its end meanwhile
                    Move(run, BacktestState.Cancelled, r => r with { FinishedAt = clock.GetUtcNow() });
                else
                    Move(run, end, change);
            }
        }
    }

    /// <summary>Runs the job and says how the run ended; the caller moves the record, under the lock.</summary>
    private async Task<(BacktestState End, Func<BacktestRecord, BacktestRecord> Change)> RunAsync(BacktestRecord record, CancellationToken ct)
    {
        var lastSaid = DateTimeOffset.MinValue;
        void Progress(double fraction)
        {
            var now = clock.GetUtcNow();
            if (now - lastSaid < ProgressEvery) return;
            lastSaid = now;
            lock (_gate)
            {
                if (_runs.TryGetValue(record.Id, out var run) && run.Record.State == BacktestState.Running)
                    Publish(run.Record = run.Record with { Progress = Math.Clamp(fraction, 0, 1) }, save: false);
            }
        }
        try
        {
            using var thread = new BacktestThread("plan2-backtest");
            var summary = await thread.RunAsync(() => job.RunAsync(record.Request, store.RunFolder(record.Id), Progress, ct));
            return (BacktestState.Finished, r => r with { Progress = 1, Summary = summary, FinishedAt = clock.GetUtcNow() });
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return (BacktestState.Interrupted, r => r with { FinishedAt = clock.GetUtcNow() }); // Cancelled instead when a user asked
        }
        catch (Exception e) when (e is BacktestException or InvalidDataException or IOException)
        {
            return (BacktestState.Failed, r => r with { Error = e.Message, FinishedAt = clock.GetUtcNow() });
        }
        catch (Exception e)
        {
            logger.LogError(e, "Backtest {Id} failed", record.Id);
            return (BacktestState.Failed, r => r with { Error = $"{e.GetType().Name}: {e.Message}", FinishedAt = clock.GetUtcNow() });
        }
    }

    // Here, not only on the page: a page that shows a viewer no button is no guard on its own.
    private static void RequireTrader(DashboardUser user)
    {
        if (!user.CanTrade)
            throw new UnauthorizedAccessException("Viewers see the tenant's backtests; starting or cancelling one needs the trader role.");
    }

    /// <summary>Moves the run by the state table (under the lock); false when the move is not allowed from where it is now.</summary>
    private bool Move(Run run, BacktestState to, Func<BacktestRecord, BacktestRecord> change)
    {
        if (!BacktestStates.CanMove(run.Record.State, to))
            return false;
        Publish(run.Record = change(run.Record.MoveTo(to)));
        return true;
    }

    private void Publish(BacktestRecord record, bool save = true)
    {
        if (save)
        {
            try { store.Save(record); }
            catch (IOException e) { logger.LogWarning("Backtest {Id} not saved: {Error}", record.Id, e.Message); }
        }
        try { Changed?.Invoke(record); }
        catch (Exception e) { logger.LogWarning(e, "A backtest page's handler failed"); }
    }
}
