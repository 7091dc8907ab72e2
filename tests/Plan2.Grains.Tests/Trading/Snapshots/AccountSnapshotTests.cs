using System.Text.Json;
using Orleans.Core.Internal;
using Orleans.Runtime;
using Plan2.Abstractions.Trading;
using static Plan2.Grains.Tests.Trading.TradingTestKit;

namespace Plan2.Grains.Tests.Trading.Snapshots;

/// <summary>
/// An account with a history longer than its snapshot interval, on a PostgreSQL journal: it comes back from its snapshot
/// plus the journal after it with the same cash, positions and P&amp;L by strategy as a full replay gives, also when more was
/// journaled after the snapshot and when its snapshots failed to store; and it remembers only a window of closed orders,
/// while a resend of an older id still returns the order as placed.
/// </summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class AccountSnapshotTests(PostgresClusterFixture fixture)
{
    private IManagementGrain Management => fixture.Cluster.GrainFactory.GetGrain<IManagementGrain>(0);

    [Fact]
    public async Task LongHistory_ComesBackFromSnapshotPlusTail_AsAFullReplayDoes()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await TradeAsync(kit, "a", 45); // over twice the snapshot interval
        var running = await ComparableAsync(kit);

        var snapshot = await SnapshotPositionAsync(kit);
        Assert.True(snapshot > 0, "the running account stored no snapshot");
        await DeactivateAsync(kit);
        Assert.Equal(running, await ComparableAsync(kit)); // from the snapshot and the tail

        // A full replay (no snapshot) gives the same, and leaves a snapshot of the whole journal behind it.
        await fixture.SqlAsync("DELETE FROM plan2_account_snapshots WHERE tenant = @t", ("t", kit.Tenant));
        await DeactivateAsync(kit);
        Assert.Equal(running, await ComparableAsync(kit));
        var covered = await SnapshotPositionAsync(kit);
        Assert.True(covered > 0);

        // Only the tail is read: with every journal row the snapshot covers gone, the account is still the same.
        var deleted = Convert.ToInt64(await fixture.SqlAsync(
            "WITH d AS (DELETE FROM plan2_order_events WHERE tenant = @t AND id <= @p RETURNING 1) SELECT count(*) FROM d", ("t", kit.Tenant), ("p", covered)));
        Assert.True(deleted > 40, $"only {deleted} journal rows were covered by the snapshot");
        await DeactivateAsync(kit);
        Assert.Equal(running, await ComparableAsync(kit));
    }

    [Fact]
    public async Task EntriesAfterTheSnapshot_AndSnapshotsThatFailToStore_LoseNothing()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await TradeAsync(kit, "b", 25);
        var first = await SnapshotPositionAsync(kit);
        Assert.True(first > 0);

        // More journal entries after the snapshot, with every later snapshot refused by the store; then the account is gone.
        PostgresClusterFixture.Snapshots.FailSaves(kit.Tenant, true);
        try
        {
            await TradeAsync(kit, "c", 30);
            var running = await ComparableAsync(kit);
            Assert.Equal(first, await SnapshotPositionAsync(kit)); // none stored since
            var after = Convert.ToInt64(await fixture.SqlAsync("SELECT count(*) FROM plan2_order_events WHERE tenant = @t AND id > @p", ("t", kit.Tenant), ("p", first)));
            Assert.True(after >= 30, $"only {after} rows after the snapshot");
            await DeactivateAsync(kit);
            Assert.Equal(running, await ComparableAsync(kit));
        }
        finally
        {
            PostgresClusterFixture.Snapshots.FailSaves(kit.Tenant, false);
        }
    }

    [Fact]
    public async Task ASnapshotOfAnotherFormat_OrDamaged_IsIgnored_ForAFullReplay()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await TradeAsync(kit, "f", 25);
        var running = await ComparableAsync(kit);
        Assert.True(await SnapshotPositionAsync(kit) > 0);
        var format = (int)(await fixture.SqlAsync("SELECT format FROM plan2_account_snapshots WHERE tenant = @t", ("t", kit.Tenant)))!; // this build's

        await fixture.SqlAsync("UPDATE plan2_account_snapshots SET format = 0 WHERE tenant = @t", ("t", kit.Tenant)); // an older build's
        await DeactivateAsync(kit);
        Assert.Equal(running, await ComparableAsync(kit));

        foreach (var damaged in new[] { "{}", """{"books": 1}""" })
        {
            await fixture.SqlAsync("UPDATE plan2_account_snapshots SET format = @f, state = @s::jsonb WHERE tenant = @t", ("t", kit.Tenant), ("f", format), ("s", damaged));
            await DeactivateAsync(kit);
            Assert.Equal(running, await ComparableAsync(kit));
        }
    }

    [Fact]
    public async Task ManyOrders_MemoryStaysWithinTheWindow_AndAnOldIdStillAnswersAsPlaced()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var old = await kit.Account.PlaceOrderAsync(Market("old-1", TradeSide.Buy, 0.3m));
        Assert.Equal(OrderState.Filled, old.Order!.State);
        await TradeAsync(kit, "w", 40);
        var before = (await kit.Account.GetAsync())!;

        // Remembered: the open orders and the last five closed, in the account and in its snapshot alike.
        var recent = await kit.Account.GetRecentOrdersAsync(1000);
        Assert.Equal(PostgresClusterFixture.Options.KeepClosedOrders, recent.Count);
        Assert.DoesNotContain(recent, o => o.ClientOrderId == "old-1");
        await DeactivateAsync(kit);
        var state = JsonDocument.Parse((string)(await fixture.SqlAsync(
            "SELECT state::text FROM plan2_account_snapshots WHERE tenant = @t", ("t", kit.Tenant)))!).RootElement.GetProperty("books");
        Assert.Equal(PostgresClusterFixture.Options.KeepClosedOrders, state.GetProperty("window").GetProperty("orders").GetArrayLength());
        Assert.Equal(PostgresClusterFixture.Options.KeepClosedOrders, state.GetProperty("ledger").GetProperty("orders").GetArrayLength());
        Assert.True(state.GetProperty("ledger").GetProperty("book").GetProperty("tradeIds").GetArrayLength() <= PostgresClusterFixture.Options.KeepClosedOrders * 2);
        Assert.True(state.GetProperty("ledger").GetProperty("orderCount").GetInt32() >= 20); // counted, though no longer remembered
        // The snapshots' checks knew each forgotten order's placement from its first append: none read a forgotten order's
        // stream (listing the recent ones above read theirs).
        var forgotten = Enumerable.Range(0, 40).Select(i => $"w-{i}").Except(recent.Select(o => o.ClientOrderId)).ToList();
        Assert.Equal(40 - recent.Count, forgotten.Count);
        Assert.All(forgotten, id => Assert.Equal(0, PostgresClusterFixture.Journal.StreamReads(kit.Tenant, $"{kit.AccountId}.{id}")));

        // A resend of the forgotten id: the order as placed, never a second one; its cancel is refused by the order itself.
        var resent = await kit.Account.PlaceOrderAsync(Market("old-1", TradeSide.Buy, 0.3m));
        Assert.True(resent.Duplicate);
        Assert.Null(resent.RefusalCode);
        Assert.Equal((old.Order.OrderId, OrderState.Filled), (resent.Order!.OrderId, resent.Order.State));
        var reused = await kit.Account.PlaceOrderAsync(Market("old-1", TradeSide.Sell, 0.3m));
        Assert.Equal("ClientOrderIdReused", reused.RefusalCode);
        // Even where placing a new order would be refused before risk (an unknown symbol): the answer is about the old order.
        var reusedElsewhere = await kit.Account.PlaceOrderAsync(Market("old-1", TradeSide.Buy, 0.3m) with { Symbol = "NOSUCH" });
        Assert.Equal(("ClientOrderIdReused", true), (reusedElsewhere.RefusalCode, reusedElsewhere.Duplicate));
        var cancel = await kit.Account.CancelOrderAsync("old-1", Alice);
        Assert.NotEqual("UnknownOrder", cancel.RefusalCode);
        Assert.True(cancel.IsRefused);
        Assert.Equal(1, await kit.JournalEntriesAsync($"{kit.AccountId}.old-1") > 0 ? 1 : 0);
        var after = (await kit.Account.GetAsync())!;
        Assert.Equal((before.Cash, before.OrdersPlaced, Net(before)), (after.Cash, after.OrdersPlaced, Net(after)));
        Assert.Equal(old.Order.Audit.Count, (await kit.OrderAsync($"{kit.AccountId}.old-1")).Audit.Count);

        // A new id, though orders are forgotten: placed without reading its journal stream first (its key refuses a
        // second placement, so the read only slowed every order down).
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m); // fresh: the steps above may outlast the quote-age limit
        var fresh = await kit.Account.PlaceOrderAsync(Market("new-1", TradeSide.Sell, 0.3m));
        Assert.Equal((OrderState.Filled, false), (fresh.Order!.State, fresh.Duplicate));
        Assert.Equal(0, PostgresClusterFixture.Journal.StreamReads(kit.Tenant, $"{kit.AccountId}.new-1"));
        Assert.Equal(before.OrdersPlaced + 1, (await kit.Account.GetAsync())!.OrdersPlaced);
    }

    private static decimal Net(AccountView v) => v.Positions.Sum(p => p.Side == TradeSide.Buy ? p.Quantity : -p.Quantity);

    /// <summary>Market orders in turn for two strategies and none, buying and selling, the price moving, so P&amp;L is realised.</summary>
    private static async Task TradeAsync(TradingTestKit kit, string prefix, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var mid = 1.10000m + (i % 7) * 0.00013m;
            await kit.QuoteAsync("EURUSD", mid, mid + 0.0001m);
            var strategy = (i % 3) switch { 0 => "trend", 1 => "revert", _ => null };
            var side = i % 4 < 2 ? TradeSide.Buy : TradeSide.Sell;
            var placed = await kit.Account.PlaceOrderAsync(Market($"{prefix}-{i}", side, 0.1m + (i % 3) * 0.1m) with { StrategyId = strategy });
            Assert.Equal(OrderState.Filled, placed.Order!.State);
        }
    }

    /// <summary>What must survive a rebuild exactly, as JSON: cash, P&amp;L, positions, P&amp;L by strategy, orders.</summary>
    private static async Task<string> ComparableAsync(TradingTestKit kit)
    {
        var v = (await kit.Account.GetAsync())!;
        return JsonSerializer.Serialize(new
        {
            v.Deposits, v.Cash, v.RealizedPnl, v.Commission, v.Swap, v.UnrealizedPnl, v.GrossExposure, v.Positions, v.Strategies, v.OpenOrders, v.OrdersPlaced,
            v.UnbookedFills, v.KillSwitch,
        });
    }

    private async Task<long> SnapshotPositionAsync(TradingTestKit kit)
    {
        // A running account stores its snapshot in the background: wait for it briefly.
        for (var deadline = DateTime.UtcNow.AddSeconds(10); ; await Task.Delay(50))
        {
            var position = await fixture.SqlAsync("SELECT position FROM plan2_account_snapshots WHERE tenant = @t", ("t", kit.Tenant));
            if (position is long p || DateTime.UtcNow > deadline)
                return position is long found ? found : 0;
        }
    }

    private async Task DeactivateAsync(TradingTestKit kit)
    {
        await kit.Account.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        for (var i = 0; i < 1200 && (await Management.GetActiveGrains(kit.Account.GetGrainId().Type)).Contains(kit.Account.GetGrainId()); i++)
            await Task.Delay(25);
        Assert.DoesNotContain(kit.Account.GetGrainId(), await Management.GetActiveGrains(kit.Account.GetGrainId().Type));
    }
}
