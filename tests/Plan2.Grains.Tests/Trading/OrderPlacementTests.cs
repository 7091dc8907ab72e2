using Orleans.Runtime;
using Plan2.Abstractions.Trading;
using static Plan2.Grains.Tests.Trading.TradingTestKit;

namespace Plan2.Grains.Tests.Trading;

[Collection(ClusterCollection.Name)]
public class OrderPlacementTests(ClusterFixture fixture)
{
    private Task<TradingTestKit> NewAccountAsync(PositionMode mode = PositionMode.Netting, AccountLimits? limits = null) =>
        new TradingTestKit(fixture.Cluster).OpenAsync(mode, limits);

    [Fact]
    public async Task MarketBuy_FillsAtTheAsk_AndOpensAPosition()
    {
        var kit = await NewAccountAsync();
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);

        var outcome = await kit.Account.PlaceOrderAsync(Market("b1", TradeSide.Buy, 1m));

        Assert.False(outcome.IsRefused, outcome.Message);
        Assert.Equal(OrderState.Filled, outcome.Order!.State);
        Assert.Equal(1.10010m, outcome.Order.AverageFillPrice);
        var account = (await kit.Account.GetAsync())!;
        var position = Assert.Single(account.Positions);
        Assert.Equal(("EURUSD", TradeSide.Buy, 1m, 1.10010m), (position.Symbol, position.Side, position.Quantity, position.AveragePrice));
        Assert.Empty(account.OpenOrders);
    }

    [Fact]
    public async Task BuyThenSell_RealisesTheMoveAfterTheSpread_InAccountCurrency()
    {
        var kit = await NewAccountAsync();
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        await kit.Account.PlaceOrderAsync(Market("b1", TradeSide.Buy, 2m));
        await kit.QuoteAsync("EURUSD", 1.10110m, 1.10120m);

        var sold = await kit.Account.PlaceOrderAsync(Market("s1", TradeSide.Sell, 2m));

        Assert.Equal(1.10110m, sold.Order!.AverageFillPrice);
        var account = (await kit.Account.GetAsync())!;
        Assert.Empty(account.Positions);
        Assert.Equal(200m, account.RealizedPnl); // 2 lots × 100,000 × (1.10110 − 1.10010)
        Assert.Equal(100_200m, account.Cash);
    }

    [Fact]
    public async Task SameClientOrderIdTwice_ReturnsTheSameOrder_AndJournalsItOnce()
    {
        var kit = await NewAccountAsync();
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);

        var first = await kit.Account.PlaceOrderAsync(Market("dup-1", TradeSide.Buy, 1m));
        var again = await kit.Account.PlaceOrderAsync(Market("dup-1", TradeSide.Buy, 1m));

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(first.Order!.OrderId, again.Order!.OrderId);
        Assert.Equal(first.Order.Audit, again.Order.Audit);
        var account = (await kit.Account.GetAsync())!;
        Assert.Equal(1, account.OrdersPlaced);
        Assert.Equal(1m, Assert.Single(account.Positions).Quantity);
        Assert.Equal(first.Order.Audit.Count, await kit.JournalEntriesAsync(first.Order.OrderId));
    }

    [Fact]
    public async Task FilledOrder_LeavesMemory_AndAResendIsStillAnsweredWithTheSameOrder()
    {
        var kit = await NewAccountAsync();
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var first = await kit.Account.PlaceOrderAsync(Market("gone-1", TradeSide.Buy, 1m));
        Assert.Equal(OrderState.Filled, first.Order!.State);

        // Closed for good: the activation goes at once instead of after the collector's age limit (minutes).
        var order = kit.Grains.GetGrain<IOrderGrain>($"{kit.Tenant}/{first.Order.OrderId}").GetGrainId();
        var management = kit.Grains.GetGrain<IManagementGrain>(0);
        var active = true;
        for (var deadline = DateTime.UtcNow.AddSeconds(5); active && DateTime.UtcNow < deadline; await Task.Delay(20))
            active = (await management.GetActiveGrains(order.Type)).Contains(order);
        Assert.False(active, "the filled order's activation is still in memory");

        // Idempotency holds across it: the resend rebuilds the order from the journal and gets it, not a second one.
        var again = await kit.Account.PlaceOrderAsync(Market("gone-1", TradeSide.Buy, 1m));
        Assert.True(again.Duplicate);
        Assert.Equal(first.Order.OrderId, again.Order!.OrderId);
        Assert.Equal(first.Order.Audit, again.Order.Audit);
        Assert.Equal(first.Order.Fills, again.Order.Fills);
        var account = (await kit.Account.GetAsync())!;
        Assert.Equal(1, account.OrdersPlaced);
        Assert.Equal(1m, Assert.Single(account.Positions).Quantity);
    }

    [Fact]
    public async Task AuditTrail_RecordsEveryChange_WithTimeCauseAndActor()
    {
        var kit = await NewAccountAsync();
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var before = DateTimeOffset.UtcNow;

        var order = (await kit.Account.PlaceOrderAsync(Market("a1", TradeSide.Buy, 1m))).Order!;

        Assert.Equal(["placed", "submitted", "accepted", "filled"], order.Audit.Select(a => a.Event));
        Assert.Equal([1, 2, 3, 4], order.Audit.Select(a => a.Sequence));
        Assert.Equal([ActorKind.User, ActorKind.User, ActorKind.Venue, ActorKind.Venue], order.Audit.Select(a => a.By.Kind));
        Assert.Equal(
            [(OrderState.Initialized, OrderState.Initialized), (OrderState.Initialized, OrderState.Submitted),
             (OrderState.Submitted, OrderState.Accepted), (OrderState.Accepted, OrderState.Filled)],
            order.Audit.Select(a => (a.From, a.To)));
        Assert.Contains("1.1001", order.Audit[^1].Cause);
        Assert.All(order.Audit, a => Assert.InRange(a.At, before.AddSeconds(-1), DateTimeOffset.UtcNow));
        Assert.Equal("alice", order.Audit[0].By.Name);
    }

    [Fact]
    public async Task RiskDenial_RecordsADeniedOrder_ByRisk_AndMovesNothing()
    {
        var kit = await NewAccountAsync(limits: new AccountLimits(MaxOrderLots: 2m));
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);

        var outcome = await kit.Account.PlaceOrderAsync(Market("big", TradeSide.Buy, 3m));

        Assert.Equal("MaxOrderSize", outcome.RefusalCode);
        Assert.Equal(OrderState.Denied, outcome.Order!.State);
        Assert.Equal((ActorKind.Risk, OrderState.Denied), (outcome.Order.Audit[^1].By.Kind, outcome.Order.Audit[^1].To));
        Assert.Empty((await kit.Account.GetAsync())!.Positions);
    }

    [Fact]
    public async Task TenantKillSwitch_DeniesNewOrders_UntilReleased()
    {
        var kit = await NewAccountAsync();
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var tenantSwitch = kit.Grains.GetGrain<IKillSwitchGrain>(kit.Tenant);

        await tenantSwitch.SetAsync(true, Alice);
        var denied = await kit.Account.PlaceOrderAsync(Market("k1", TradeSide.Buy, 1m));
        await tenantSwitch.SetAsync(false, Alice);
        var filled = await kit.Account.PlaceOrderAsync(Market("k2", TradeSide.Buy, 1m));

        Assert.Equal("TenantKillSwitch", denied.RefusalCode);
        Assert.Equal(OrderState.Filled, filled.Order!.State);
    }

    [Fact]
    public async Task AccountKillSwitch_DeniesNewOrders()
    {
        var kit = await NewAccountAsync();
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);

        await kit.Account.SetKillSwitchAsync(true, Alice);
        var denied = await kit.Account.PlaceOrderAsync(Market("k1", TradeSide.Buy, 1m));

        Assert.Equal("AccountKillSwitch", denied.RefusalCode);
        Assert.True((await kit.Account.GetAsync())!.KillSwitch);
    }

    [Fact]
    public async Task HedgingAccount_KeepsOnePositionPerOpeningFill()
    {
        var kit = await NewAccountAsync(PositionMode.Hedging);
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);

        await kit.Account.PlaceOrderAsync(Market("h1", TradeSide.Buy, 1m));
        await kit.Account.PlaceOrderAsync(Market("h2", TradeSide.Sell, 1m));

        var positions = (await kit.Account.GetAsync())!.Positions;
        Assert.Equal([TradeSide.Buy, TradeSide.Sell], positions.Select(p => p.Side));
    }

    [Fact]
    public async Task StrategyOrders_AreAttributedToTheirStrategy()
    {
        var kit = await NewAccountAsync();
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);

        await kit.Account.PlaceOrderAsync(Market("s1", TradeSide.Buy, 1m) with { StrategyId = "trend", PlacedBy = Actor.Strategy("trend") });
        await kit.Account.PlaceOrderAsync(Market("s2", TradeSide.Sell, 1m) with { StrategyId = "trend", PlacedBy = Actor.Strategy("trend") });

        var strategy = Assert.Single((await kit.Account.GetAsync())!.Strategies);
        Assert.Equal(("trend", -10m, 0m), (strategy.StrategyId, strategy.NetRealizedPnl, strategy.NetPosition)); // paid the 1-pip spread
    }

    [Fact]
    public async Task QuoteStampedYearsAgo_ButJustReceived_IsFreshForRisk()
    {
        var kit = await NewAccountAsync();
        var replayed = new DateTimeOffset(2021, 3, 1, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(); // a replay of history
        await kit.Grains.GetGrain<Abstractions.MarketData.IInstrumentGrain>("NZDUSD")
            .PublishTicksAsync(new("NZDUSD", 1, [replayed], [0.7000], [0.7002], Record: false));

        var outcome = await kit.Account.PlaceOrderAsync(Market("nz1", TradeSide.Buy, 1m, symbol: "NZDUSD"));

        Assert.False(outcome.IsRefused, outcome.Message);
        Assert.Equal(0.7002m, outcome.Order!.AverageFillPrice);
        Assert.Equal(replayed, outcome.Order.Fills[0].Quote.TimeUnixMs);
    }

    [Fact]
    public async Task HedgingClose_NamingATicket_ClosesIt_AndABadTicketIsRefusedBeforeTheVenue()
    {
        var kit = await NewAccountAsync(PositionMode.Hedging);
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        await kit.Account.PlaceOrderAsync(Market("h1", TradeSide.Buy, 1m));
        var ticket = Assert.Single((await kit.Account.GetAsync())!.Positions).Ticket;

        var wrongSide = await kit.Account.PlaceOrderAsync(Market("h2", TradeSide.Buy, 1m) with { PositionTicket = ticket });
        var unknown = await kit.Account.PlaceOrderAsync(Market("h3", TradeSide.Sell, 1m) with { PositionTicket = ticket + 99 });
        var close = await kit.Account.PlaceOrderAsync(Market("h4", TradeSide.Sell, 1m) with { PositionTicket = ticket });

        Assert.Equal(("InvalidPositionTicket", "InvalidPositionTicket"), (wrongSide.RefusalCode, unknown.RefusalCode));
        Assert.Null(unknown.Order);
        Assert.Equal(OrderState.Filled, close.Order!.State);
        var account = (await kit.Account.GetAsync())!;
        Assert.Empty(account.Positions);
        Assert.Empty(account.UnbookedFills);
    }
}
