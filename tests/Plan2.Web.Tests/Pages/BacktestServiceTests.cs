using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Plan2.Abstractions.Tenancy;
using Plan2.Backtesting;
using Plan2.MarketData.Replay;
using Plan2.Web.Services;
using Plan2.Web.Services.Backtests;

namespace Plan2.Web.Tests.Pages;

/// <summary>The Backtests page's worker on real history: runs off the caller's thread, keeps runs on disk, refuses what the page did not offer.</summary>
public sealed class BacktestServiceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("plan2-backtests-").FullName;
    private static readonly DashboardUser Trader = new("tina", "tina@example.com", UserRole.Trader, false, "t1", "t1", "main");
    private static readonly DashboardUser Viewer = new("vic", "vic@example.com", UserRole.Viewer, false, "t1", "t1", "main");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (BacktestService Service, BacktestStore Store) Create()
    {
        var data = SharedHistory.Find() ?? throw new InvalidOperationException("shared/data not found above the tests");
        var history = new BacktestHistory(new ServiceCollection().BuildServiceProvider(), new ConfigurationBuilder().Build());
        var choices = new BacktestChoices(data, _dir, history);
        var store = new BacktestStore(Path.Combine(_dir, "backtests"));
        return (new BacktestService(store, new BacktestJob(choices, history), TimeProvider.System, NullLogger<BacktestService>.Instance), store);
    }

    private static BacktestRequest SmaCross(string file = "mt-m1-2021/USDCHF_M1.csv") => new()
    {
        Data = file, Symbol = "USDCHF", Strategy = "sma-cross", From = new DateOnly(2021, 2, 1), To = new DateOnly(2021, 2, 10),
    };

    private static async Task<BacktestRecord> UntilOverAsync(BacktestService service, string id)
    {
        for (var i = 0; i < 600; i++)
        {
            if (service.Get(id, Trader.TenantId) is { } r && r.State.IsOver()) return r;
            await Task.Delay(100);
        }
        throw new TimeoutException($"backtest {id} did not end");
    }

    /// <summary>A fresh service reads the runs on its worker: wait for it (a loaded machine may take a while).</summary>
    private static async Task<BacktestRecord?> LoadedAsync(BacktestService service, string id)
    {
        for (var i = 0; i < 300 && service.Get(id, Trader.TenantId) is null; i++)
            await Task.Delay(100);
        return service.Get(id, Trader.TenantId);
    }

    [Fact]
    public async Task Run_FinishesInTheBackground_WithItsReport_AndAFreshServiceListsItAgain()
    {
        var (service, store) = Create();
        await service.StartAsync(CancellationToken.None);
        var seen = new List<BacktestState>();
        service.Changed += r => { lock (seen) seen.Add(r.State); };
        var started = await service.StartAsync(SmaCross(), Trader);
        var done = await UntilOverAsync(service, started.Id);
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(BacktestState.Finished, done.State);
        Assert.Contains(BacktestState.Running, seen);
        var s = done.Summary!;
        Assert.True(s.Trades > 0, "ten days of sma-cross made no trade");
        Assert.Equal(s.Trades, store.ReadTrades(done.Id).Count);
        Assert.Equal(s.NetPnl, store.ReadTrades(done.Id).Sum(t => t.NetPnl)); // every position is closed at the end
        Assert.Equal(s.InitialEquity + s.NetPnl, s.FinalEquity);
        Assert.True(s.Commissions > 0);
        Assert.Equal(s.LosesAfterCosts, s.NetPnl < 0);
        Assert.NotNull(store.PictureDataUri(done.Id, "equity.png"));
        Assert.Empty(service.List("another-tenant"));

        var (again, _) = Create();
        await again.StartAsync(CancellationToken.None);
        Assert.Equal(done, await LoadedAsync(again, done.Id));
        await again.StopAsync(CancellationToken.None);
    }

    /// <summary>
    /// A run (its models' scoring included) keeps off the thread pool that serves the pages, the circuits and the
    /// co-hosted silo: on the pool it starved them (a page's navigation waited over 30 s while a run went on).
    /// </summary>
    [Fact]
    public async Task Run_WorksOnAThreadOfItsOwn_NeverOnThePoolThatServesThePages()
    {
        var (service, _) = Create();
        await service.StartAsync(CancellationToken.None);
        var progressOnPool = new List<bool>();
        service.Changed += r =>
        {
            if (r.State == BacktestState.Running && r.Progress > 0)
                lock (progressOnPool) progressOnPool.Add(Thread.CurrentThread.IsThreadPoolThread);
        };
        var request = SmaCross() with { Strategy = "ai", Models = BacktestChoices.ShippedModels, To = new DateOnly(2021, 2, 3) };
        var done = await UntilOverAsync(service, (await service.StartAsync(request, Trader)).Id);
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(BacktestState.Finished, done.State);
        Assert.True(done.Summary!.Predictions > 0, "the models scored nothing");
        lock (progressOnPool)
        {
            Assert.NotEmpty(progressOnPool); // progress is told from the run's own thread
            Assert.DoesNotContain(true, progressOnPool);
        }
    }

    [Fact]
    public async Task Run_LeftRunningByAStoppedWeb_IsMarkedInterruptedOnTheNextStart()
    {
        var (_, store) = Create();
        store.Save(new BacktestRecord
        {
            Id = "20260101-000000-abcdef", TenantId = "t1", UserName = "tina", Request = SmaCross(), State = BacktestState.Running, CreatedAt = DateTimeOffset.UtcNow,
        });
        var (service, _) = Create();
        await service.StartAsync(CancellationToken.None);
        Assert.Equal(BacktestState.Interrupted, (await LoadedAsync(service, "20260101-000000-abcdef"))!.State);
        await service.StopAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("../../etc/passwd", "sma-cross", "is not a file of the data folder")]
    [InlineData("mt-m1-2021/USDCHF_M1.csv", "martingale", "Unknown strategy")]
    public async Task Request_NamingWhatThePageDidNotOffer_IsRefusedWithTheReason(string file, string strategy, string reason)
    {
        var (service, _) = Create();
        await service.StartAsync(CancellationToken.None);
        var e = await Assert.ThrowsAsync<BacktestException>(() => service.StartAsync(SmaCross(file) with { Strategy = strategy }, Trader));
        Assert.Contains(reason, e.Message);
        await service.StopAsync(CancellationToken.None);
    }

    /// <summary>Viewers see the tenant's runs and start or cancel none: the service refuses them whatever the page shows.</summary>
    [Fact]
    public async Task Viewer_IsRefusedStartingAndCancelling_OnTheServer()
    {
        var (service, _) = Create();
        await service.StartAsync(CancellationToken.None);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.StartAsync(SmaCross(), Viewer));
        Assert.Empty(service.List(Viewer.TenantId));

        var run = await service.StartAsync(SmaCross(), Trader);
        Assert.Throws<UnauthorizedAccessException>(() => service.Cancel(run.Id, Viewer));
        Assert.NotEqual(BacktestState.Cancelled, service.Get(run.Id, Trader.TenantId)!.State);
        service.Cancel(run.Id, Trader);
        await UntilOverAsync(service, run.Id);
        await service.StopAsync(CancellationToken.None);
    }

    /// <summary>
    /// A cancel that races the run's end: asked once the run is past its last cancellation check (writing its report),
    /// it was answered "yes" and the run still ended Finished. What Cancel answers is now what the run becomes, and every
    /// change the pages hear is a move of the state table.
    /// </summary>
    [Fact]
    public async Task Cancel_AskedWhileTheRunWritesItsReport_EndsItCancelled_AsAnswered()
    {
        var (service, store) = Create();
        await service.StartAsync(CancellationToken.None);
        var seen = new List<BacktestState>();
        service.Changed += r => { lock (seen) if (seen.Count == 0 || seen[^1] != r.State) seen.Add(r.State); };
        var answered = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        string? id = null;
        using var watcher = new FileSystemWatcher(store.Folder, "trades.csv") { IncludeSubdirectories = true };
        watcher.Created += (_, e) =>
        {
            if (id is not null && e.FullPath.Contains(id, StringComparison.Ordinal))
                answered.TrySetResult(service.Cancel(id, Trader)); // the report is being written: the job checks for cancellation no more
        };
        watcher.EnableRaisingEvents = true;
        var run = await service.StartAsync(SmaCross(), Trader);
        id = run.Id;

        var done = await UntilOverAsync(service, run.Id);
        await service.StopAsync(CancellationToken.None);

        var cancelled = answered.Task.IsCompleted && await answered.Task;
        Assert.True(cancelled == (done.State == BacktestState.Cancelled), $"Cancel answered {cancelled}, the run ended {done.State}");
        lock (seen)
            for (var i = 1; i < seen.Count; i++)
                Assert.True(BacktestStates.CanMove(seen[i - 1], seen[i]), $"the pages heard {seen[i - 1]} then {seen[i]}");
    }

    [Fact]
    public async Task Cancel_OfAQueuedRun_BehindARunningOne_EndsItAtOnce_AndItNeverRuns()
    {
        var (service, _) = Create();
        await service.StartAsync(CancellationToken.None);
        var heard = new List<(string Id, BacktestState State)>();
        service.Changed += r => { lock (heard) heard.Add((r.Id, r.State)); };
        var first = await service.StartAsync(SmaCross(), Trader);
        var second = await service.StartAsync(SmaCross(), Trader); // a second start while the first runs waits its turn

        Assert.True(service.Cancel(second.Id, Trader));
        Assert.Equal(BacktestState.Cancelled, service.Get(second.Id, Trader.TenantId)!.State);
        Assert.False(service.Cancel(second.Id, Trader)); // already over
        Assert.Equal(BacktestState.Finished, (await UntilOverAsync(service, first.Id)).State);
        await service.StopAsync(CancellationToken.None);

        lock (heard)
            Assert.DoesNotContain((second.Id, BacktestState.Running), heard);
    }
}
