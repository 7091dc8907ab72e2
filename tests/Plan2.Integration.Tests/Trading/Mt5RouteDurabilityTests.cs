using Microsoft.Extensions.DependencyInjection;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;
using Plan2.Hosting.MarketData;
using Plan2.Integration.Tests.Infrastructure;
using Plan2.MarketData.Bridge;

namespace Plan2.Integration.Tests.Trading;

/// <summary>
/// The MT5 route on cluster-mode silos built by AddPlan2Silo (PostgreSQL journal and grain state): a fill
/// made while the platform was down is applied once after it restarts, because the applied deals, the
/// terminal's link and its deal cursor are durable.
/// </summary>
public sealed class Mt5RouteDurabilityTests() : DatabaseTest("mt5")
{
    private static readonly Actor Alice = Actor.User("alice");
    private readonly string _tenant = "t-" + Guid.NewGuid().ToString("n")[..8];
    private readonly string _terminal = "50123@Durable-" + Guid.NewGuid().ToString("n")[..6];
    private readonly TwinTradeServer _twin = new(50123) { Behaviour = TwinOrderBehaviour.Rest, CommissionPerLot = 4m, FeePerDeal = 0.1m };

    [Fact]
    public async Task FillWhileThePlatformIsDown_IsAppliedOnceAfterTheRestart()
    {
        FillMessage first;
        await using (var silo = await InProcessSilo.StartAsync(ClusterId, Db))
        {
            await silo.Grains.GetGrain<ITenantGrain>(_tenant).CreateAsync(new CreateTenant("Durable", "alice"));
            var opened = silo.Grains.GetGrain<IAccountGrain>($"{_tenant}/acc-1");
            await opened.OpenAsync(new OpenAccount("USD", PositionMode.Netting, 50_000m, Alice, Terminal: new Mt5Link(_terminal, 50123)));
            await QuoteAsync(silo.Grains);
            await using var terminal = await ConnectAsync(silo, expectedReports: 1);

            var placed = await opened.PlaceOrderAsync(new PlaceOrder("l1", "EURUSD", TradeSide.Buy, 1m, Alice, TradeOrderType.Limit, LimitPrice: 1.09990m));
            Assert.Equal(OrderState.Accepted, placed.Order!.State);
            first = _twin.Fill("l1", 0.4m, 1.0999);
            await terminal.SendFillAsync(first, CancellationToken.None);
            await EventuallyAsync(() => Order(silo.Grains), o => o.FilledQuantity == 0.4m, "the live part fill");
            await silo.StopAsync();
        }

        var second = _twin.Fill("l1", 0.6m, 1.0998); // while no platform is up: only the terminal knows

        await using var restarted = await InProcessSilo.StartAsync(ClusterId, Db);
        await using var again = await ConnectAsync(restarted, expectedReports: 2);

        var order = await Order(restarted.Grains);
        Assert.Equal(OrderState.Filled, order.State);
        Assert.Equal([first.DealTicket.ToString(), second.DealTicket.ToString()], order.Fills.Select(f => f.TradeId));
        var report = (await restarted.Grains.GetGrain<IMt5TerminalGrain>(_terminal).GetReconciliationsAsync())[^1];
        Assert.Equal([second.DealTicket.ToString()], report.FillsApplied);
        Assert.Equal(1, report.DuplicateFills); // the live one, within the durable cursor's overlap
        var account = (await restarted.Grains.GetGrain<IAccountGrain>($"{_tenant}/acc-1").GetAsync())!;
        Assert.Equal(1m, Assert.Single(account.Positions).Quantity);
        Assert.Empty(account.OpenOrders);
        // Each deal's DEAL_COMMISSION and DEAL_FEE, live and reconciled, survive the journal: 0.4 × 4 + 0.10, then 0.6 × 4 + 0.10.
        Assert.Equal([1.70m, 2.50m], order.Fills.Select(f => f.Commission));
        Assert.Equal((4.20m, 50_000m - 4.20m), (account.Commission, account.Cash));
    }

    private async Task<BridgeClient> ConnectAsync(InProcessSilo silo, int expectedReports)
    {
        var bridge = silo.Services.GetRequiredService<BridgeService>();
        await bridge.Started;
        var client = new BridgeClient(new BridgeClientOptions
        {
            Host = "127.0.0.1", Port = bridge.Server.LocalEndPoint.Port, Token = bridge.Token, TerminalId = _terminal, Symbols = ["EURUSD"],
            TradeServer = _twin,
        });
        await client.ConnectAsync(CancellationToken.None);
        await EventuallyAsync(() => silo.Grains.GetGrain<IMt5TerminalGrain>(_terminal).GetReconciliationsAsync(), r => r.Count >= expectedReports,
            "the reconciliation after connecting");
        return client;
    }

    private async Task<OrderView> Order(IGrainFactory grains) => (await grains.GetGrain<IOrderGrain>($"{_tenant}/acc-1.l1").GetAsync())!;

    private static async Task QuoteAsync(IGrainFactory grains)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await grains.GetGrain<IInstrumentGrain>("EURUSD").PublishTicksAsync(new TickBatch("EURUSD", now, [now], [1.09995], [1.10005], Record: false));
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var value = await read();
        for (var attempt = 0; attempt < 300 && !done(value); attempt++)
        {
            await Task.Delay(50);
            value = await read();
        }
        Assert.True(done(value), $"Timed out waiting for {what}; last seen: {value}");
        return value;
    }
}
