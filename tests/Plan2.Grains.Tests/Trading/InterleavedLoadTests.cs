using Orleans.Core.Internal;
using Plan2.Abstractions.Trading;
using Plan2.Grains.Trading.Venues;
using static Plan2.Grains.Tests.Trading.TradingTestKit;

namespace Plan2.Grains.Tests.Trading;

/// <summary>
/// A paper book activating asks its orders for their terms, interleaved with whatever the order is doing. On today's main
/// an order out of memory read its journal twice when a cancel and that ask arrived together, and the cancel recorded its
/// request into one copy and its outcome into the other: the journal lost "cancel requested" from the audit trail.
/// </summary>
[Collection(ClusterCollection.Name)]
public class InterleavedLoadTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ACancelAndTheBooksAskArrivingTogether_OnAColdOrder_JournalTheWholeCancel()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var placed = (await kit.Account.PlaceOrderAsync(Limit("cold-cancel", TradeSide.Buy, 0.1m, 1.09000m))).Order!;
        var grain = kit.Grains.GetGrain<IOrderGrain>($"{kit.Tenant}/{placed.OrderId}");
        await grain.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await kit.LeftMemoryAsync(grain.GetGrainId());

        OrderOutcome cancelled;
        var (hold, waiting) = ClusterFixture.SiloConfigurator.SharedJournal.HoldStreamReads(kit.Tenant);
        using (hold)
        {
            var cancel = grain.CancelAsync(Alice, null);
            for (var deadline = DateTime.UtcNow.AddSeconds(10); waiting() < 1 && DateTime.UtcNow < deadline;)
                await Task.Delay(10);
            var ask = kit.Grains.GetGrain<IVenueReportSink>($"{kit.Tenant}/{placed.OrderId}").GetRestingAsync();
            for (var deadline = DateTime.UtcNow.AddSeconds(2); waiting() < 2 && DateTime.UtcNow < deadline;)
                await Task.Delay(10); // on main the ask reads too; with one read at a time it waits on the cancel's
            hold.Dispose();
            cancelled = await cancel;
            await ask;
        }

        Assert.Equal(OrderState.Canceled, cancelled.Order!.State);
        var journaled = await kit.OrderAsync(placed.OrderId); // rebuilt from the journal: the order grain closed and left
        Assert.Equal(OrderState.Canceled, journaled.State);
        Assert.Contains(journaled.Audit, a => a.Cause == "cancel requested");
        Assert.Equal(cancelled.Order.Audit.Count, journaled.Audit.Count);
    }
}
