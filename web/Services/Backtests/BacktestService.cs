using System.Collections.Concurrent;
using System.Threading.Channels;
using Plan2.Backtesting;

namespace Plan2.Web.Services.Backtests;

/// <summary>
/// Runs the dashboard's backtests one at a time, each on a thread of its own (<see cref="BacktestThread"/>: never on a
/// circuit's thread nor the thread pool: a run takes seconds to minutes of CPU), keeps every run on disk (<see cref="BacktestStore"/>) and tells the
/// pages about each change (<see cref="Changed"/>, progress at most every <see cref="ProgressEvery"/>).
/// A run can be cancelled queued or running; runs cut off by a stop are marked interrupted on the next start.
/// </summary>
public sealed class BacktestService(BacktestStore store, BacktestJob job, TimeProvider clock, ILogger<BacktestService> logger) : BackgroundService
{
    public static readonly TimeSpan ProgressEvery = TimeSpan.FromMilliseconds(250);
    private readonly ConcurrentDictionary<string, BacktestRecord> _runs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _cancels = new(StringComparer.Ordinal);
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>();
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Raised on the worker's thread: handlers marshal to their own (InvokeAsync) and return quickly.</summary>
    public event Action<BacktestRecord>? Changed;

    public IReadOnlyList<BacktestRecord> List(string tenantId) =>
        [.. _runs.Values.Where(r => r.TenantId == tenantId).OrderByDescending(r => r.CreatedAt)];

    public BacktestRecord? Get(string id, string tenantId) => _runs.TryGetValue(id, out var r) && r.TenantId == tenantId ? r : null;

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
        _cancels[record.Id] = new CancellationTokenSource();
        Publish(record);
        await _queue.Writer.WriteAsync(record.Id);
        return record;
    }

    public bool Cancel(string id, DashboardUser user)
    {
        RequireTrader(user);
        if (Get(id, user.TenantId) is not { } record || record.State.IsOver() || !_cancels.TryGetValue(id, out var cts))
            return false;
        cts.Cancel();
        if (record.State == BacktestState.Queued)
            Publish(record.MoveTo(BacktestState.Cancelled) with { FinishedAt = clock.GetUtcNow() });
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var record in store.LoadAll())
            _runs[record.Id] = record.State.IsOver() ? record : record.MoveTo(BacktestState.Interrupted) with { Error = "The web process stopped during this run." };
        foreach (var record in _runs.Values.Where(r => r.State == BacktestState.Interrupted && r.FinishedAt is null))
            Publish(record with { FinishedAt = clock.GetUtcNow() });
        _loaded.TrySetResult();
        await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            if (!_runs.TryGetValue(id, out var record) || record.State != BacktestState.Queued || !_cancels.TryGetValue(id, out var cts))
                continue;
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cts.Token, stoppingToken);
            await Task.Run(() => RunAsync(record, linked.Token), CancellationToken.None);
            _cancels.TryRemove(id, out _);
            cts.Dispose();
        }
    }

    private async Task RunAsync(BacktestRecord record, CancellationToken ct)
    {
        var running = record.MoveTo(BacktestState.Running) with { StartedAt = clock.GetUtcNow() };
        Publish(running);
        var lastSaid = DateTimeOffset.MinValue;
        void Progress(double fraction)
        {
            var now = clock.GetUtcNow();
            if (now - lastSaid < ProgressEvery) return;
            lastSaid = now;
            Publish(running = running with { Progress = Math.Clamp(fraction, 0, 1) }, save: false);
        }
        try
        {
            using var thread = new BacktestThread("plan2-backtest");
            var summary = await thread.RunAsync(() => job.RunAsync(running.Request, store.RunFolder(record.Id), Progress, ct));
            Publish(running.MoveTo(BacktestState.Finished) with { Progress = 1, Summary = summary, FinishedAt = clock.GetUtcNow() });
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            var stopped = _cancels.TryGetValue(record.Id, out var cts) && cts.IsCancellationRequested ? BacktestState.Cancelled : BacktestState.Interrupted;
            Publish(running.MoveTo(stopped) with { FinishedAt = clock.GetUtcNow() });
        }
        catch (Exception e) when (e is BacktestException or InvalidDataException or IOException)
        {
            Publish(running.MoveTo(BacktestState.Failed) with { Error = e.Message, FinishedAt = clock.GetUtcNow() });
        }
        catch (Exception e)
        {
            logger.LogError(e, "Backtest {Id} failed", record.Id);
            Publish(running.MoveTo(BacktestState.Failed) with { Error = $"{e.GetType().Name}: {e.Message}", FinishedAt = clock.GetUtcNow() });
        }
    }

    // Here, not only on the page: a page that shows a viewer no button is no guard on its own.
    private static void RequireTrader(DashboardUser user)
    {
        if (!user.CanTrade)
            throw new UnauthorizedAccessException("Viewers see the tenant's backtests; starting or cancelling one needs the trader role.");
    }

    private void Publish(BacktestRecord record, bool save = true)
    {
        _runs[record.Id] = record;
        if (save)
        {
            try { store.Save(record); }
            catch (IOException e) { logger.LogWarning("Backtest {Id} not saved: {Error}", record.Id, e.Message); }
        }
        try { Changed?.Invoke(record); }
        catch (Exception e) { logger.LogWarning(e, "A backtest page's handler failed"); }
    }
}
