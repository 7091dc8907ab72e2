using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;
using Plan2.Integration.Tests.Infrastructure;

namespace Plan2.Integration.Tests.Trading;

/// <summary>Acknowledged orders survive a silo restart: orders and accounts rebuild from the PostgreSQL journal.</summary>
public sealed class OrderDurabilityTests() : DatabaseTest("orders")
{
    private static readonly Actor Alice = Actor.User("alice");
    private readonly string _tenant = "t-" + Guid.NewGuid().ToString("n")[..8];

    [Fact]
    public async Task AcknowledgedOrders_SurviveARestart_AndTheAccountRebuildsEqual()
    {
        AccountView before;
        OrderView[] ordersBefore;
        await using (var first = await InProcessSilo.StartAsync(ClusterId, Db))
        {
            var account = await OpenAccountAsync(first.Grains);
            await QuoteAsync(first.Grains, 1.10000m, 1.10010m);
            var placed = new[]
            {
                await account.PlaceOrderAsync(new PlaceOrder("b1", "EURUSD", TradeSide.Buy, 2m, Alice, StrategyId: "trend")),
                await account.PlaceOrderAsync(new PlaceOrder("s1", "EURUSD", TradeSide.Sell, 0.5m, Alice, StrategyId: "trend")),
                await account.PlaceOrderAsync(new PlaceOrder("l1", "EURUSD", TradeSide.Buy, 1m, Alice, TradeOrderType.Limit, LimitPrice: 1.09000m)),
                await account.PlaceOrderAsync(new PlaceOrder("big", "EURUSD", TradeSide.Buy, 50m, Alice)), // denied by risk
            };
            await account.CancelOrderAsync("l1", Alice);
            await account.SetLimitsAsync(new AccountLimits(MaxOrderLots: 5m), Alice);
            before = (await account.GetAsync())!;
            ordersBefore = await ReadOrdersAsync(first.Grains, placed.Select(p => p.Order!.OrderId));
            await first.StopAsync();
        }

        await using var second = await InProcessSilo.StartAsync(ClusterId, Db);
        await QuoteAsync(second.Grains, 1.10000m, 1.10010m); // the same quote, so unrealised P&L compares too
        var rebuilt = second.Grains.GetGrain<IAccountGrain>($"{_tenant}/acc-1");
        var after = (await rebuilt.GetAsync())!;
        var ordersAfter = await ReadOrdersAsync(second.Grains, ordersBefore.Select(o => o.OrderId));

        Assert.Equivalent(before, after, strict: true);
        Assert.Equivalent(ordersBefore, ordersAfter, strict: true);
        Assert.Equal(1.5m, Assert.Single(after.Positions).Quantity);
        Assert.Equal(OrderState.Canceled, ordersAfter[2].State);
        var resent = await rebuilt.PlaceOrderAsync(new PlaceOrder("b1", "EURUSD", TradeSide.Buy, 2m, Alice));
        Assert.True(resent.Duplicate);
        Assert.Equivalent(ordersBefore[0], resent.Order, strict: true);
        var next = await rebuilt.PlaceOrderAsync(new PlaceOrder("b2", "EURUSD", TradeSide.Buy, 1m, Alice));
        Assert.Equal(OrderState.Filled, next.Order!.State);
        Assert.Equal(2.5m, Assert.Single((await rebuilt.GetAsync())!.Positions).Quantity);
    }

    [Fact]
    public async Task EveryAcknowledgedOrder_IsInTheJournal_WhenTheSiloThatTookItIsNeverStopped()
    {
        // Orders on four accounts at once, so that group commits carry several orders' appends.
        await using var first = await InProcessSilo.StartAsync(ClusterId, Db);
        await first.Grains.GetGrain<ITenantGrain>(_tenant).CreateAsync(new CreateTenant("Durable", "alice"));
        await QuoteAsync(first.Grains, 1.10000m, 1.10010m);
        var accounts = Enumerable.Range(1, 4).Select(a => first.Grains.GetGrain<IAccountGrain>($"{_tenant}/acc-{a}")).ToArray();
        foreach (var account in accounts)
            await account.OpenAsync(new OpenAccount("USD", PositionMode.Netting, 50_000m, Alice));
        var acknowledged = await Task.WhenAll(accounts.Select(async account =>
        {
            var views = new List<OrderView>();
            for (var i = 0; i < 15; i++)
                views.Add((await account.PlaceOrderAsync(new PlaceOrder($"o{i}", "EURUSD", i % 3 == 2 ? TradeSide.Sell : TradeSide.Buy, 0.1m, Alice))).Order!);
            return (Account: account, Views: views, View: (await account.GetAsync())!);
        }));

        // A second cluster on the same database sees only what is durable: the first silo is left running, never stopped or flushed.
        await using var second = await InProcessSilo.StartAsync(ClusterId + "-after", Db);
        await QuoteAsync(second.Grains, 1.10000m, 1.10010m);
        foreach (var (account, views, view) in acknowledged)
        {
            var key = account.GetPrimaryKeyString();
            var rebuilt = (await second.Grains.GetGrain<IAccountGrain>(key).GetAsync())!;
            Assert.Equivalent(view, rebuilt, strict: true);
            Assert.Equal(0.5m, Assert.Single(rebuilt.Positions).Quantity); // ten buys and five sells of 0.1
            Assert.Equivalent(views, await ReadOrdersAsync(second.Grains, views.Select(v => v.OrderId)), strict: true);
        }
    }

    private async Task<IAccountGrain> OpenAccountAsync(IGrainFactory grains)
    {
        await grains.GetGrain<ITenantGrain>(_tenant).CreateAsync(new CreateTenant("Durable", "alice"));
        var account = grains.GetGrain<IAccountGrain>($"{_tenant}/acc-1");
        await account.OpenAsync(new OpenAccount("USD", PositionMode.Netting, 50_000m, Alice));
        return account;
    }

    private Task<OrderView[]> ReadOrdersAsync(IGrainFactory grains, IEnumerable<string> orderIds) =>
        Task.WhenAll(orderIds.Select(async id => (await grains.GetGrain<IOrderGrain>($"{_tenant}/{id}").GetAsync())!));

    private static async Task QuoteAsync(IGrainFactory grains, decimal bid, decimal ask)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await grains.GetGrain<IInstrumentGrain>("EURUSD").PublishTicksAsync(new TickBatch("EURUSD", now, [now], [(double)bid], [(double)ask], Record: false));
    }
}
