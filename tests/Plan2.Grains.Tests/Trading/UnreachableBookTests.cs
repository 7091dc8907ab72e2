using Plan2.Abstractions.Trading;
using Plan2.Grains.Tests.Operations;
using Plan2.Grains.Trading.Venues;
using static Plan2.Grains.Tests.Trading.TradingTestKit;

namespace Plan2.Grains.Tests.Trading;

/// <summary>
/// A paper order is journaled before it is handed to its symbol's book. If the book cannot be reached then (its
/// store down, its silo gone), the order is still placed and must come to rest once the book is back, by itself and
/// exactly once. EURJPY is this class's own symbol (no other test quotes it), so no other order wakes its book.
/// </summary>
[Collection(ClusterCollection.Name)]
public class UnreachableBookTests(ClusterFixture fixture)
{
    private const string Symbol = "EURJPY";

    [Fact]
    public async Task OrderPlacedWhileItsBookIsUnreachable_RestsOnceTheBookIsBack_AndFillsOnce()
    {
        var kit = new TradingTestKit(fixture.Cluster);
        await kit.Grains.GetGrain<Abstractions.Tenancy.ITenantGrain>(kit.Tenant).CreateAsync(new Abstractions.Tenancy.CreateTenant("Test", "alice"));
        await kit.Account.OpenAsync(new OpenAccount("JPY", PositionMode.Netting, 10_000_000m, Alice)); // EURJPY books its P&L in JPY
        await kit.QuoteAsync(Symbol, 160.000m, 160.020m);
        var book = kit.Grains.GetGrain<IPaperBookGrain>(Symbol);

        OrderView placed;
        using (FaultyGrainStorage.Fail(book.GetGrainId(), reads: true, writes: true)) // the book cannot activate
        {
            var outcome = await kit.Account.PlaceOrderAsync(Limit("unreached-1", TradeSide.Buy, 0.01m, 159.900m, Symbol));
            Assert.True(outcome.Order is { State: OrderState.Accepted }, $"{outcome.RefusalCode}: {outcome.Message}");
            placed = outcome.Order!;
            await Task.Delay(1500); // a retry or two fail while the book is down
        }

        var resting = await book.GetRestingAsync();
        for (var deadline = DateTime.UtcNow.AddSeconds(15); !resting.Contains(placed.OrderId) && DateTime.UtcNow < deadline; await Task.Delay(100))
            resting = await book.GetRestingAsync();
        Assert.Contains(placed.OrderId, resting);
        var filled = await kit.OrderAsync(placed.OrderId);
        for (var deadline = DateTime.UtcNow.AddSeconds(15); filled.State != OrderState.Filled && DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            await kit.QuoteAsync(Symbol, 159.880m, 159.890m); // the ask through the limit (the book may still be subscribing)
            filled = await kit.OrderAsync(placed.OrderId);
        }
        await kit.QuoteAsync(Symbol, 159.870m, 159.880m); // still through it: a second copy in the book would fill again
        await Task.Delay(500);

        filled = await kit.OrderAsync(placed.OrderId);
        Assert.Equal((OrderState.Filled, 0.01m, 159.890m), (filled.State, filled.FilledQuantity, filled.AverageFillPrice));
        Assert.Single(filled.Fills);
        Assert.Equal(filled.Audit.Count, await kit.JournalEntriesAsync(placed.OrderId));
        var account = await kit.WaitForAccountAsync(a => a.OpenOrders.Count == 0);
        Assert.Equal(0.01m, Assert.Single(account.Positions).Quantity);
        Assert.Empty(await book.GetRestingAsync());
    }
}
