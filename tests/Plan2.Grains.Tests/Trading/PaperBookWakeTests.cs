using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.TestingHost;
using Plan2.Abstractions.Trading;
using Plan2.Grains.Trading.Venues;
using static Plan2.Grains.Tests.Trading.TradingTestKit;

namespace Plan2.Grains.Tests.Trading;

/// <summary>
/// The paper book's wake reminder is what brings resting orders back after the book's silo goes: it must exist
/// whenever an order rests, however the book got there. EURGBP is this class's own symbol (no other test quotes it).
/// </summary>
[Collection(ClusterCollection.Name)]
public class PaperBookWakeTests(ClusterFixture fixture)
{
    private const string Symbol = "EURGBP";

    [Fact]
    public async Task AnOrderRestingAfterTheBookSleptWhileStillListening_IsWokenAndFilled_AfterTheBookLostItsActivation()
    {
        var kit = new TradingTestKit(fixture.Cluster);
        await kit.Grains.GetGrain<Abstractions.Tenancy.ITenantGrain>(kit.Tenant).CreateAsync(new Abstractions.Tenancy.CreateTenant("Test", "alice"));
        await kit.Account.OpenAsync(new OpenAccount("GBP", PositionMode.Netting, 100_000m, Alice)); // EURGBP books its P&L in GBP
        await kit.QuoteAsync(Symbol, 0.85000m, 0.85020m);
        await PlaceAsync(kit, "wake-a");
        Assert.True(await HasWakeAsync(), "a resting order must have the book's wake reminder");

        // The order leaves by cancel and no tick follows: the book still listens when its reminder rings and finds nothing resting.
        Assert.Equal(OrderState.Canceled, (await kit.Account.CancelOrderAsync("wake-a", Alice)).Order!.State);
        for (var deadline = DateTime.UtcNow.AddSeconds(15); await HasWakeAsync() && DateTime.UtcNow < deadline; await Task.Delay(100)) { }
        Assert.False(await HasWakeAsync(), "with nothing resting the ring puts the book to sleep");

        var placed = await PlaceAsync(kit, "wake-b");
        Assert.True(await HasWakeAsync(), "the next resting order must wake the book again");

        // As when its silo stops: the book's activation and the instrument's tick subscribers are gone, and only the reminder can bring it back.
        await kit.Grains.GetGrain<IPaperBookGrain>(Symbol).AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await kit.Grains.GetGrain<Abstractions.MarketData.IInstrumentGrain>(Symbol).AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(300);
        var order = await kit.OrderAsync(placed.OrderId);
        for (var deadline = DateTime.UtcNow.AddSeconds(15); order.State != OrderState.Filled && DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            await kit.QuoteAsync(Symbol, 0.84880m, 0.84890m); // the market keeps trading through the limit
            order = await kit.OrderAsync(placed.OrderId);
        }
        Assert.Equal((OrderState.Filled, 0.84890m), (order.State, order.AverageFillPrice));
    }

    private static async Task<OrderView> PlaceAsync(TradingTestKit kit, string clientOrderId)
    {
        var outcome = await kit.Account.PlaceOrderAsync(Limit(clientOrderId, TradeSide.Buy, 1m, 0.84900m, Symbol));
        Assert.True(outcome.Order is { State: OrderState.Accepted }, $"{outcome.RefusalCode}: {outcome.Message}");
        return outcome.Order!;
    }

    /// <summary>Whether the reminder table holds the book's wake reminder now.</summary>
    private async Task<bool> HasWakeAsync()
    {
        var table = fixture.Cluster.Silos.Cast<InProcessSiloHandle>().First().SiloHost.Services.GetRequiredService<IReminderTable>();
        var book = (GrainReference)fixture.Cluster.GrainFactory.GetGrain<IPaperBookGrain>(Symbol);
        return (await table.ReadRows(book.GrainId)).Reminders.Any(r => r.ReminderName == "wake");
    }
}
