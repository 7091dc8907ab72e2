using Plan2.Abstractions.Trading;
using Plan2.Grains.Trading.Venues;
using static Plan2.Grains.Tests.Trading.TradingTestKit;

namespace Plan2.Grains.Tests.Trading;

/// <summary>
/// The paper book fills a resting order and reports it; the order journals the fill and then fails (its journal's
/// answer lost, as when PostgreSQL's connection drops after the commit), so the report's delivery fails. On today's
/// main the book logged it and moved on: the order read Filled from its journal but the account never booked the
/// position. The book keeps the report and sends it again; the order, finding the fill journaled, tells its account.
/// </summary>
[Collection(ClusterCollection.Name)]
public class LostReportTests(ClusterFixture fixture)
{
    [Fact]
    public async Task AFillWhoseDeliveryFailedAfterItWasJournaled_IsSentAgain_AndBookedOnce()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var placed = await kit.Account.PlaceOrderAsync(Limit("lost-report", TradeSide.Buy, 0.1m, 1.09900m));
        Assert.True(placed.Order is { State: OrderState.Accepted }, $"{placed.RefusalCode}: {placed.Message}");
        var book = kit.Grains.GetGrain<IPaperBookGrain>("EURUSD");
        for (var deadline = DateTime.UtcNow.AddSeconds(10); !(await book.GetRestingAsync()).Contains(placed.Order!.OrderId) && DateTime.UtcNow < deadline;)
            await Task.Delay(20);

        ClusterFixture.SiloConfigurator.SharedJournal.LoseNextOrderAppendAnswer(kit.Tenant); // the fill's append: stored, then fails
        await kit.QuoteAsync("EURUSD", 1.09880m, 1.09890m); // the ask through the limit

        var account = await kit.WaitForAccountAsync(a => a.Positions.Count > 0 && a.OpenOrders.Count == 0);
        var position = Assert.Single(account.Positions);
        Assert.Equal(0.1m, position.Quantity);
        Assert.Empty(account.OpenOrders);
        var order = await kit.OrderAsync(placed.Order!.OrderId);
        Assert.Equal(OrderState.Filled, order.State);
        Assert.Single(order.Fills); // sent twice, applied once
        Assert.Equal(order.Audit.Count, await kit.JournalEntriesAsync(order.OrderId));
        Assert.DoesNotContain(order.OrderId, await book.GetRestingAsync());
    }
}
