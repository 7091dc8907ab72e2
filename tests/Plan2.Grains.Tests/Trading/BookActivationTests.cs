using Orleans.Core.Internal;
using Plan2.Abstractions.Trading;
using Plan2.Grains.Trading.Venues;
using static Plan2.Grains.Tests.Trading.TradingTestKit;

namespace Plan2.Grains.Tests.Trading;

/// <summary>
/// A paper book coming back (its silo gone, its activation collected) asks each stored order for its terms. On today's
/// main it asked one at a time and one order that could not answer (its journal failing or hanging) failed or stalled
/// the activation: no order of the symbol rested or filled until that one answered. The other orders must work at once;
/// the one that could not answer stays stored and rests once it answers. NZDUSD is this class's resting symbol (other
/// tests only quote it or fill market orders on it); every test leaves its orders filled.
/// </summary>
[Collection(ClusterCollection.Name)]
public class BookActivationTests(ClusterFixture fixture)
{
    private const string Symbol = "NZDUSD";
    private static AnswerLostJournal Journal => ClusterFixture.SiloConfigurator.SharedJournal;

    [Fact]
    public async Task AnOrderFailingToAnswerTheActivatingBook_LeavesTheOthersWorking_AndRestsOnceItAnswers()
    {
        var (kit, stuck, other) = await TwoRestingOrdersAsync("fail");
        using (Journal.FailStreamReads(kit.Tenant, stuck.OrderId))
        {
            await RestartBookAsync(kit, stuck.OrderId);
            await WaitRestingAsync(kit, other.OrderId); // activates the book
            Assert.DoesNotContain(stuck.OrderId, await Book(kit).GetRestingAsync());
            await FillAsync(kit, other.OrderId);
        }

        await WaitRestingAsync(kit, stuck.OrderId); // the same activation asks again
        await FillAsync(kit, stuck.OrderId);
    }

    [Fact]
    public async Task AnOrderThatCouldNotAnswer_StaysStored_SoTheNextActivationRestsIt()
    {
        var (kit, stuck, other) = await TwoRestingOrdersAsync("kept");
        using (Journal.FailStreamReads(kit.Tenant, stuck.OrderId))
        {
            await RestartBookAsync(kit, stuck.OrderId);
            await WaitRestingAsync(kit, other.OrderId);
            await FillAsync(kit, other.OrderId);
            await DeactivateAsync(kit, Book(kit)); // only what the book stored can bring the order back now
        }

        await WaitRestingAsync(kit, stuck.OrderId);
        await FillAsync(kit, stuck.OrderId);
    }

    [Fact]
    public async Task AnOrderHangingOnTheActivatingBook_LeavesTheOthersWorking_AndRestsOnceItAnswers()
    {
        var (kit, stuck, other) = await TwoRestingOrdersAsync("hang");
        var (hold, _) = Journal.HoldStreamReads(kit.Tenant, stuck.OrderId);
        using (hold)
        {
            await RestartBookAsync(kit, stuck.OrderId);
            await WaitRestingAsync(kit, other.OrderId); // on main the activation waits out the order's call (30 s) and fails
            await FillAsync(kit, other.OrderId);
        }

        await WaitRestingAsync(kit, stuck.OrderId);
        await FillAsync(kit, stuck.OrderId);
    }

    /// <summary>A tenant with two buy limits resting below the market.</summary>
    private async Task<(TradingTestKit Kit, OrderView Stuck, OrderView Other)> TwoRestingOrdersAsync(string prefix)
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync(Symbol, 0.60000m, 0.60010m);
        var placed = new List<OrderView>();
        foreach (var name in (string[])["stuck", "other"])
        {
            var outcome = await kit.Account.PlaceOrderAsync(Limit($"{prefix}-{name}", TradeSide.Buy, 0.1m, 0.59900m, Symbol));
            Assert.True(outcome.Order is { State: OrderState.Accepted }, $"{outcome.RefusalCode}: {outcome.Message}");
            placed.Add(outcome.Order!);
            await WaitRestingAsync(kit, outcome.Order!.OrderId);
        }
        return (kit, placed[0], placed[1]);
    }

    /// <summary>
    /// As when the book's silo goes: the book leaves memory, and so does the stuck order (so it must read its journal to
    /// answer). The instrument goes too, so no tick wakes the book before the test asks it.
    /// </summary>
    private static async Task RestartBookAsync(TradingTestKit kit, string stuckOrderId)
    {
        await DeactivateAsync(kit, kit.Grains.GetGrain<IOrderGrain>($"{kit.Tenant}/{stuckOrderId}"));
        await DeactivateAsync(kit, kit.Grains.GetGrain<Abstractions.MarketData.IInstrumentGrain>(Symbol));
        await DeactivateAsync(kit, Book(kit));
    }

    private static async Task DeactivateAsync(TradingTestKit kit, IAddressable grain)
    {
        await grain.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await kit.LeftMemoryAsync(grain.GetGrainId());
    }

    private static IPaperBookGrain Book(TradingTestKit kit) => kit.Grains.GetGrain<IPaperBookGrain>(Symbol);

    private static async Task WaitRestingAsync(TradingTestKit kit, string orderId)
    {
        var resting = await Book(kit).GetRestingAsync();
        for (var deadline = DateTime.UtcNow.AddSeconds(20); !resting.Contains(orderId) && DateTime.UtcNow < deadline; await Task.Delay(100))
            resting = await Book(kit).GetRestingAsync();
        Assert.Contains(orderId, resting);
    }

    /// <summary>The market trades through the limit until the order has filled (the book may still be subscribing).</summary>
    private static async Task FillAsync(TradingTestKit kit, string orderId)
    {
        var order = await kit.OrderAsync(orderId);
        for (var deadline = DateTime.UtcNow.AddSeconds(20); order.State != OrderState.Filled && DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            await kit.QuoteAsync(Symbol, 0.59880m, 0.59890m);
            order = await kit.OrderAsync(orderId);
        }
        Assert.Equal((OrderState.Filled, 0.1m, 0.59890m), (order.State, order.FilledQuantity, order.AverageFillPrice));
    }
}
