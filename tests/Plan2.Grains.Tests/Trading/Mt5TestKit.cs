using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;
using Plan2.MarketData.Bridge;

namespace Plan2.Grains.Tests.Trading;

/// <summary>
/// An account linked to its own MT5 terminal, played by the C# twin (the EA's exact bytes) with a
/// <see cref="TwinTradeServer"/> behind it, connected over loopback to the first silo's real bridge.
/// </summary>
internal sealed class Mt5TestKit : IAsyncDisposable
{
    private readonly Mt5ClusterFixture _fixture;

    private Mt5TestKit(Mt5ClusterFixture fixture, ulong login, ulong reportedLogin)
    {
        _fixture = fixture;
        Trading = new TradingTestKit(fixture.Cluster);
        Login = login;
        TerminalId = $"{login}@Twin-Demo-{Guid.NewGuid().ToString("n")[..6]}";
        Twin = new TwinTradeServer(reportedLogin);
        Terminal = NewClient();
    }

    public TradingTestKit Trading { get; }
    public ulong Login { get; }
    public string TerminalId { get; }
    public TwinTradeServer Twin { get; }
    public BridgeClient Terminal { get; private set; }
    public IAccountGrain Account => Trading.Account;
    public IMt5TerminalGrain TerminalGrain => Trading.Grains.GetGrain<IMt5TerminalGrain>(TerminalId);

    /// <summary>Tenant, account linked to a fresh terminal id, a quote, and (unless told not to) the terminal connected and reconciled once.</summary>
    public static async Task<Mt5TestKit> StartAsync(Mt5ClusterFixture fixture, bool connect = true, ulong? reportedLogin = null)
    {
        var login = (ulong)Random.Shared.NextInt64(100_000, 999_999);
        var kit = new Mt5TestKit(fixture, login, reportedLogin ?? login);
        await kit.Trading.Grains.GetGrain<ITenantGrain>(kit.Trading.Tenant).CreateAsync(new CreateTenant("Test", "alice"));
        await kit.Account.OpenAsync(new OpenAccount("USD", PositionMode.Netting, 100_000m, TradingTestKit.Alice, Terminal: new Mt5Link(kit.TerminalId, login)));
        await kit.Trading.QuoteAsync("EURUSD", 1.09995m, 1.10005m);
        if (connect)
            await kit.ReconnectAsync(expectedReports: 1);
        return kit;
    }

    /// <summary>A started kit whose terminal rests what it is sent (accepted, nothing filled), with these orders placed in turn.</summary>
    public static async Task<Mt5TestKit> WithRestingAsync(Mt5ClusterFixture fixture, params PlaceOrder[] orders)
    {
        var kit = await StartAsync(fixture);
        kit.Twin.Behaviour = TwinOrderBehaviour.Rest;
        foreach (var order in orders)
            await kit.Account.PlaceOrderAsync(order);
        return kit;
    }

    /// <summary>Connects (again, same session) and waits until the terminal grain holds <paramref name="expectedReports"/> reconciliations.</summary>
    public async Task ReconnectAsync(int expectedReports)
    {
        await Terminal.ConnectAsync(CancellationToken.None);
        await EventuallyAsync(() => TerminalGrain.GetReconciliationsAsync(), r => r.Count >= expectedReports, "reconciliation after connecting");
    }

    public Task DisconnectAsync() => Terminal.DisconnectAsync();

    public async Task<OrderView> OrderAsync(string clientOrderId) =>
        (await Trading.Grains.GetGrain<IOrderGrain>($"{Trading.Tenant}/{Trading.AccountId}.{clientOrderId}").GetAsync())!;

    public Task<OrderView> OrderInStateAsync(string clientOrderId, OrderState state) =>
        EventuallyAsync(() => OrderAsync(clientOrderId), o => o.State == state, $"order {clientOrderId} {state}");

    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var value = await read();
        for (var attempt = 0; attempt < 200 && !done(value); attempt++)
        {
            await Task.Delay(50);
            value = await read();
        }
        Assert.True(done(value), $"Timed out waiting for {what}; last seen: {value}");
        return value;
    }

    public async ValueTask DisposeAsync() => await Terminal.DisposeAsync();

    private BridgeClient NewClient() => new(new BridgeClientOptions
    {
        Host = "127.0.0.1", Port = _fixture.Bridge.Server.LocalEndPoint.Port, Token = Mt5ClusterFixture.Token,
        TerminalId = TerminalId, Symbols = ["EURUSD"], TradeServer = Twin,
    });
}
