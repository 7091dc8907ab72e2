using Orleans.Runtime;
using Plan2.Abstractions.Trading;
using static Plan2.Grains.Tests.Trading.TradingTestKit;

namespace Plan2.Grains.Tests.Trading;

/// <summary>
/// A client that sends a placement again (after a timeout or a dropped connection; OrderResend does it on its own)
/// gets one order and the answer the first send got, whichever send gets through; another client order id is another order.
/// </summary>
[Collection(ClusterCollection.Name)]
public class ClientResendTests(ClusterFixture fixture)
{
    private Task<TradingTestKit> NewAccountAsync(AccountLimits? limits = null) =>
        new TradingTestKit(fixture.Cluster).OpenAsync(limits: limits);

    [Fact]
    public async Task SameSubmissionTwice_PlacesOneOrder_AndAnswersAlike()
    {
        var kit = await NewAccountAsync();
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);

        var first = await kit.Account.PlaceWithResendsAsync(Market("sub-1", TradeSide.Buy, 1m));
        var again = await kit.Account.PlaceWithResendsAsync(Market("sub-1", TradeSide.Buy, 1m));

        Assert.False(first.IsRefused, first.Message);
        Assert.Equal((first.Order!.OrderId, first.Order.State, first.RefusalCode, first.Message), (again.Order!.OrderId, again.Order.State, again.RefusalCode, again.Message));
        Assert.Equal(first.Order.Fills, again.Order.Fills);
        var account = (await kit.Account.GetAsync())!;
        Assert.Equal(1, account.OrdersPlaced);
        Assert.Equal(1m, Assert.Single(account.Positions).Quantity);
        Assert.Equal(first.Order.Audit.Count, await kit.JournalEntriesAsync(first.Order.OrderId));
    }

    [Fact]
    public async Task ResendOfADenial_IsRefusedWithRisksCode_NotAGenericOne()
    {
        var kit = await NewAccountAsync(new AccountLimits(MaxOrderLots: 2m));
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);

        var first = await kit.Account.PlaceOrderAsync(Market("big-1", TradeSide.Buy, 3m));
        var again = await kit.Account.PlaceOrderAsync(Market("big-1", TradeSide.Buy, 3m));

        Assert.Equal("MaxOrderSize", first.RefusalCode);
        Assert.Equal(OrderState.Denied, first.Order!.State);
        Assert.True(again.Duplicate);
        Assert.Equal((first.Order.OrderId, first.RefusalCode, first.Message), (again.Order!.OrderId, again.RefusalCode, again.Message));
        Assert.Equal(1, (await kit.Account.GetAsync())!.OrdersPlaced);
    }

    [Fact]
    public async Task ResendWhoseFirstAnswerWasLost_GetsTheFirstOrder_NotAJournalConflict()
    {
        var kit = await NewAccountAsync();
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var first = await kit.Account.PlaceOrderAsync(Market("lost-1", TradeSide.Buy, 1m));
        Assert.Equal(OrderState.Filled, first.Order!.State);
        var order = kit.Grains.GetGrain<IOrderGrain>($"{kit.Tenant}/{first.Order.OrderId}");
        await kit.LeftMemoryAsync(order.GetGrainId());

        // What the account sends when the answer to its first send was lost before it could note the order: a new ticket,
        // which skips reading the journal. The journal refuses the second placement; the first order is the answer.
        await kit.QuoteAsync("EURUSD", 1.10050m, 1.10060m); // another price (a second fill would show), not a jump the spike filter refuses
        var quote = (await kit.Grains.GetGrain<Abstractions.MarketData.IInstrumentGrain>("EURUSD").GetQuoteAsync())!.Quote;
        var again = await order.ExecuteAsync(new OrderTicket(kit.AccountId, Market("lost-1", TradeSide.Buy, 1m), null, null, quote, New: true));

        Assert.Equal(first.Order.Audit, again.Audit);
        Assert.Equal(first.Order.Fills, again.Fills);
        Assert.Equal(first.Order.Audit.Count, await kit.JournalEntriesAsync(first.Order.OrderId));
        Assert.Equal(1m, Assert.Single((await kit.Account.GetAsync())!.Positions).Quantity);
    }

    [Fact]
    public async Task PlacementWhoseAppendWasStoredButItsAnswerLost_StillRestsInTheBookAndFills()
    {
        var kit = await NewAccountAsync();
        await kit.QuoteAsync("GBPUSD", 1.30000m, 1.30020m);
        ClusterFixture.SiloConfigurator.SharedJournal.LoseNextOrderAppendAnswer(kit.Tenant);

        // The journal holds this very placement: it is not "an earlier one" to answer with, it goes on into the book.
        var placed = (await kit.Account.PlaceOrderAsync(Limit("lost-answer-1", TradeSide.Buy, 1m, 1.29900m, "GBPUSD"))).Order!;
        Assert.Equal(OrderState.Accepted, placed.State);
        await kit.QuoteAsync("GBPUSD", 1.29870m, 1.29890m);

        var filled = await kit.WaitForOrderAsync(placed.OrderId, o => o.State == OrderState.Filled);
        Assert.Equal(OrderState.Filled, filled.State);
        Assert.Equal(filled.Audit.Count, await kit.JournalEntriesAsync(placed.OrderId)); // nothing journaled twice or left out
    }

    [Fact]
    public async Task SameIdForAnotherOrder_IsRefused_AndPlacesNothing()
    {
        var kit = await NewAccountAsync();
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var first = await kit.Account.PlaceOrderAsync(Market("reused-1", TradeSide.Buy, 1m));

        var other = await kit.Account.PlaceOrderAsync(Market("reused-1", TradeSide.Sell, 1m));

        Assert.Equal("ClientOrderIdReused", other.RefusalCode);
        Assert.Equal(first.Order!.OrderId, other.Order!.OrderId); // it names the order that holds the id
        var account = (await kit.Account.GetAsync())!;
        Assert.Equal(1, account.OrdersPlaced);
        Assert.Equal((TradeSide.Buy, 1m), (Assert.Single(account.Positions).Side, account.Positions[0].Quantity));
    }

    [Fact]
    public async Task DifferentSubmissions_AreTwoOrders()
    {
        var kit = await NewAccountAsync();
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);

        var a = await kit.Account.PlaceWithResendsAsync(Market("sub-a", TradeSide.Buy, 1m));
        var b = await kit.Account.PlaceWithResendsAsync(Market("sub-b", TradeSide.Buy, 1m));

        Assert.False(a.Duplicate || b.Duplicate);
        Assert.NotEqual(a.Order!.OrderId, b.Order!.OrderId);
        var account = (await kit.Account.GetAsync())!;
        Assert.Equal(2, account.OrdersPlaced);
        Assert.Equal(2m, Assert.Single(account.Positions).Quantity);
    }
}
