using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;
using Plan2.Grains.Trading.Journal;
using Plan2.Hosting.Trading;
using Plan2.Cli.Commands;
using Plan2.Storage.Orders;

namespace Plan2.Cli.Bench;

/// <summary>
/// orders: a market order placed with the account grain, through validation and the whole risk chain,
/// to the order grain, a paper fill, the journal committed to PostgreSQL and the account booked, as
/// p50/p99 µs (one order at a time: each pays its own commit); the same with several accounts at once
/// (the group commit shares commits); a bare single-row INSERT and commit into the same PostgreSQL as
/// the yardstick; and risk_ns, the Core risk chain alone.
/// </summary>
internal static class OrderBench
{
    private const int Accounts = 8;

    public static async Task<BenchResult> RunAsync(string postgres, int orders, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(postgres))
            throw new CliException("bench orders needs --postgres CONNECTION (Npgsql syntax), a PostgreSQL with its default durability (fsync on).");
        await OrderLogSchema.EnsureAsync(postgres, ct);
        var (fsync, syncCommit) = await SettingsAsync(postgres, ct);
        await using var bareCommit = await BareCommit.OpenAsync(postgres, ct);
        await using var journalAlone = new JournalAlone(postgres);
        var yardsticks = new Yardsticks(bareCommit, journalAlone);
        var tail = new OrderTail();
        await using var journal = new PostgresOrderJournal(postgres);
        var (single, concurrent, concurrentSeconds, warmUp) = await PlaceThroughSiloAsync(tail.Wrap(journal), postgres, orders, yardsticks, tail, ct);
        var yardstickAllocated = await yardsticks.AllocatedPerRoundAsync(Math.Min(orders, 1_000));
        var memoryTail = new OrderTail();
        var (inMemory, _, _, _) = await PlaceThroughSiloAsync(new MemoryOrderJournal(), null, orders, null, memoryTail, ct);
        var bare = bareCommit.Latencies;
        var journalOnly = journalAlone.Latencies;
        var slowest = tail.Slowest();
        var typical = tail.Typical();
        bare.Sort();
        journalOnly.Sort();
        single.Sort();
        concurrent.Sort();
        inMemory.Sort();

        return new BenchResult("orders")
            .Add("p50_us", Math.Round(Percentiles.Of(single, 0.50), 1))
            .Add("p99_us", Math.Round(Percentiles.Of(single, 0.99), 1))
            .Add("bare_commit_p50_us", Math.Round(Percentiles.Of(bare, 0.50), 1))
            .Add("bare_commit_p99_us", Math.Round(Percentiles.Of(bare, 0.99), 1))
            .Add("journal_commit_p50_us", Math.Round(Percentiles.Of(journalOnly, 0.50), 1))
            .Add("journal_commit_p99_us", Math.Round(Percentiles.Of(journalOnly, 0.99), 1))
            .Add("p99_over_bare_p99", Math.Round(Percentiles.Of(single, 0.99) / Percentiles.Of(bare, 0.99), 2))
            .Add("concurrent_p50_us", Math.Round(Percentiles.Of(concurrent, 0.50), 1))
            .Add("concurrent_p99_us", Math.Round(Percentiles.Of(concurrent, 0.99), 1))
            .Add("concurrent_orders_per_second", Math.Round(concurrent.Count / concurrentSeconds))
            .Add("memory_journal_p50_us", Math.Round(Percentiles.Of(inMemory, 0.50), 1))
            .Add("memory_journal_p99_us", Math.Round(Percentiles.Of(inMemory, 0.99), 1))
            .Add("tail_before_commit_us", slowest.Before)
            .Add("tail_commit_us", slowest.Commit)
            .Add("tail_after_commit_us", slowest.After)
            .Add("tail_gc_share", slowest.GcShare)
            .Add("median_before_commit_us", typical.Before)
            .Add("median_commit_us", typical.Commit)
            .Add("median_after_commit_us", typical.After)
            .Add("in_order_commit_p99_us", tail.CommitAt(0.99))
            .Add("gc_count", tail.Collections)
            .Add("gc_pause_ms", Math.Round(tail.Paused.TotalMilliseconds, 1))
            .Add("alloc_bytes_per_order", Math.Max(0, tail.AllocatedPerOrder - yardstickAllocated))
            .Add("memory_journal_alloc_bytes_per_order", memoryTail.AllocatedPerOrder)
            .Add("memory_journal_gc_count", memoryTail.Collections)
            .Add("memory_journal_gc_pause_ms", Math.Round(memoryTail.Paused.TotalMilliseconds, 1))
            .Add("gc_mode", GcMode.Describe())
            .Add("risk_ns", Math.Round(RiskChainBench.NanosecondsPerOrder(), 1))
            .Add("orders", single.Count)
            .Add("postgres_fsync", fsync)
            .Add("postgres_synchronous_commit", syncCommit)
            .Add("checkpoint_before_timing", warmUp.Checkpointed)
            .Add("warm_up_seconds", Math.Round(warmUp.Seconds, 1))
            .Add("jit_settled", warmUp.JitSettled)
            .Add("scope", "p50/p99: PlaceOrder on the account grain (validate, quote and kill switches from their grains, Core risk chain) → order grain → " +
                "paper fill at the ask/bid → journal entries committed to PostgreSQL (group commit) → account books the fill, one order at a time, the account storing snapshots as in a cluster (PostgreSQL, every 500 changes); " +
                $"concurrent_*: {Accounts} accounts at once; memory_journal_*: the same path with the embedded (in-memory) journal, i.e. without the commit; journal_commit_*: an order's four journal entries appended through the same group-commit log without the grains, one after each timed order's bare commit; bare_commit: one-row INSERT and commit on the same server, one after each timed order (all three see the same machine), all timed after 2,000 warm-up orders, then pairs of orders " + JitSettling.Paced + " " + JitSettling.SiloRule + " (warm_up_seconds), a VACUUM of the journal table and a CHECKPOINT; " +
                "tail_*: the slowest 1% of p50/p99's orders split at their journal append (mean µs before, in, after it) and the share that saw a GC; median_*: the same split's medians over every order; in_order_commit_p99_us: the p99 of that append inside the orders (journal_commit_* is the same append made from no grain); gc_*: collections and their total pause during p50/p99's orders; alloc_bytes_per_order: the process's allocations over them less what the bare commits and journal appends allocate (measured alone), per order; gc_mode: the collector this process ran (the silo hosts' own settings, build/Plan2.Runtime.props); risk_ns: the Core risk chain alone");
    }

    /// <summary>How a silo's run was prepared for timing: the warm-up's length, whether the JIT settled, whether PostgreSQL checkpointed.</summary>
    private sealed record WarmUp(double Seconds, bool JitSettled, bool Checkpointed);

    /// <summary>
    /// Before the timed orders and bare commits: dead rows of earlier runs vacuumed from the journal table (else autovacuum
    /// may start among the timed commits), and a checkpoint (else one may start among them, and every first change of a page
    /// after it writes the whole page). Both sides meet the same server either way; this keeps runs alike. False when the
    /// role may not checkpoint (it needs superuser or pg_checkpoint).
    /// </summary>
    private static async Task<bool> SettleAsync(string postgres)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using (var vacuum = new NpgsqlCommand("VACUUM (ANALYZE) plan2_order_events", connection))
            await vacuum.ExecuteNonQueryAsync();
        try
        {
            await using var checkpoint = new NpgsqlCommand("CHECKPOINT", connection);
            await checkpoint.ExecuteNonQueryAsync();
            return true;
        }
        catch (PostgresException)
        {
            return false;
        }
    }

    /// <summary>An embedded silo whose order journal is <paramref name="journal"/>: orders one at a time on one account, then on several at once.</summary>
    private static async Task<(List<double> Single, List<double> Concurrent, double ConcurrentSeconds, WarmUp WarmUp)> PlaceThroughSiloAsync(
        IOrderJournal journal, string? postgres, int orders, Yardsticks? yardsticks, OrderTail? tail, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("plan2-orders-").FullName;
        try
        {
            // As a cluster's silo has them (AddPlan2Trading): the journal and, with PostgreSQL, the account snapshots that an
            // account stores every so many changes while it trades.
            await using var snapshots = postgres is null ? null : new PostgresAccountSnapshotStore(postgres);
            using var host = await IngestEndToEnd.StartSiloAsync(dir, ct, configure: b =>
            {
                b.Services.AddSingleton(journal);
                if (snapshots is not null)
                    b.Services.AddSingleton<IAccountSnapshotStore>(snapshots);
            });
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var tenant = "bench-" + Guid.NewGuid().ToString("n")[..8];
            await grains.GetGrain<ITenantGrain>(tenant).CreateAsync(new CreateTenant("Bench", "bench"));
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await grains.GetGrain<IInstrumentGrain>("EURUSD").PublishTicksAsync(new TickBatch("EURUSD", 1, [now], [1.10000], [1.10010], Record: false));
            var accounts = new IAccountGrain[Accounts];
            for (var a = 0; a < Accounts; a++)
            {
                accounts[a] = grains.GetGrain<IAccountGrain>($"{tenant}/acc-{a}");
                await accounts[a].OpenAsync(new OpenAccount("USD", PositionMode.Netting, 1_000_000m, Actor.User("bench"),
                    new AccountLimits(MaxSubmitsPerSecond: 100_000, MaxQuoteAge: TimeSpan.FromHours(1), MaxOpenOrders: 100_000)));
            }
            // JIT (tiered: a method is recompiled after 30 calls, which must not happen among the timed ones), activations, connections;
            // then paced orders until the young silo's tiering has settled, as in a silo that has been running.
            await PlaceAsync(accounts[0], "warm", Math.Min(2_000, orders), yardsticks, null);
            var settling = new JitSettling();
            for (var step = 0; !settling.Check(); step++)
            {
                await Task.Delay(JitSettling.Pace, ct);
                await PlaceAsync(accounts[0], $"settle{step}-", 2, yardsticks, null); // a buy and a sell: the position stays flat
            }
            yardsticks?.Clear();
            var warmUp = new WarmUp(settling.Elapsed.TotalSeconds, settling.Settled, postgres is not null && await SettleAsync(postgres));
            var (collections, paused, allocated) = (GC.CollectionCount(0), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(precise: true));
            var single = await PlaceAsync(accounts[0], "one", orders, yardsticks, tail);
            tail?.Collected(GC.CollectionCount(0) - collections, GC.GetTotalPauseDuration() - paused, (GC.GetTotalAllocatedBytes(precise: true) - allocated) / orders);
            var watch = Stopwatch.StartNew();
            var lists = await Task.WhenAll(accounts.Select((a, i) => PlaceAsync(a, $"par{i}-", orders / Accounts, null, null)));
            var seconds = watch.Elapsed.TotalSeconds;
            await host.StopAsync(ct);
            if (postgres is not null)
                await ForgetTenantAsync(postgres, tenant); // leave the database as found: repeated runs would grow its indexes
            return (single, [.. lists.SelectMany(l => l)], seconds, warmUp);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// Market orders alternating buy and sell (the position stays flat), each timed from call to answer;
    /// with <paramref name="yardsticks"/>, each followed by one bare commit and one journal append without the grains.
    /// </summary>
    private static async Task<List<double>> PlaceAsync(IAccountGrain account, string prefix, int count, Yardsticks? yardsticks, OrderTail? tail)
    {
        var latencies = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var order = new PlaceOrder($"{prefix}{i}", "EURUSD", i % 2 == 0 ? TradeSide.Buy : TradeSide.Sell, 0.01m, Actor.User("bench"));
            var collections = GC.CollectionCount(0);
            var start = Stopwatch.GetTimestamp();
            var outcome = await account.PlaceOrderAsync(order);
            var end = Stopwatch.GetTimestamp();
            latencies.Add(Stopwatch.GetElapsedTime(start, end).TotalMicroseconds);
            tail?.Add(start, end, GC.CollectionCount(0) != collections);
            if (yardsticks is not null)
                await yardsticks.MeasureAsync();
            if (outcome.Order?.State != OrderState.Filled)
                throw new InvalidOperationException($"Bench order {order.ClientOrderId} did not fill: {outcome.RefusalCode} {outcome.Message}");
        }
        return latencies;
    }

    internal static async Task ForgetTenantAsync(string postgres, string tenant)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var delete = new NpgsqlCommand("DELETE FROM plan2_order_events WHERE tenant = @t; DELETE FROM plan2_account_snapshots WHERE tenant = @t", connection);
        delete.Parameters.AddWithValue("t", tenant);
        await delete.ExecuteNonQueryAsync();
    }

    private static async Task<(string Fsync, string SynchronousCommit)> SettingsAsync(string postgres, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT current_setting('fsync'), current_setting('synchronous_commit')", connection);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetString(0), reader.GetString(1));
    }

    /// <summary>What each timed order is set against, measured right after it so all meet the same moments of the machine.</summary>
    private sealed record Yardsticks(BareCommit Bare, JournalAlone Journal)
    {
        public async Task MeasureAsync()
        {
            await Bare.CommitAsync(ct: default);
            await Journal.AppendAsync();
        }

        /// <summary>Bytes this process allocates per round of both, over <paramref name="count"/> rounds alone (their latencies not kept).</summary>
        public async Task<long> AllocatedPerRoundAsync(int count)
        {
            var (bareKept, journalKept) = (Bare.Latencies.Count, Journal.Latencies.Count);
            var before = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < count; i++)
                await MeasureAsync();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            Bare.Latencies.RemoveRange(bareKept, Bare.Latencies.Count - bareKept);
            Journal.Latencies.RemoveRange(journalKept, Journal.Latencies.Count - journalKept);
            return allocated / Math.Max(1, count);
        }

        public void Clear()
        {
            Bare.Latencies.Clear();
            Journal.Latencies.Clear();
        }
    }
}
