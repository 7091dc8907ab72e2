using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;
using Plan2.MarketData.Bridge;
using static Plan2.Grains.Tests.Trading.TradingTestKit;

namespace Plan2.Grains.Tests.Trading;

/// <summary>One terminal serves one account and one login: anything else is refused with a reason that says so.</summary>
[Collection(Mt5ClusterCollection.Name)]
public class Mt5LinkTests(Mt5ClusterFixture fixture)
{
    [Fact]
    public async Task SecondAccountOnTheSameTerminal_IsRefused()
    {
        await using var kit = await Mt5TestKit.StartAsync(fixture, connect: false);
        var other = new TradingTestKit(fixture.Cluster);
        await other.Grains.GetGrain<ITenantGrain>(other.Tenant).CreateAsync(new CreateTenant("Other", "bob"));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            other.Account.OpenAsync(new OpenAccount("USD", PositionMode.Netting, 1_000m, Alice, Terminal: new Mt5Link(kit.TerminalId, kit.Login))));

        Assert.Contains($"already trades account '{kit.Trading.Tenant}/{kit.Trading.AccountId}'", refused.Message);
        Assert.Null(await other.Account.GetAsync());
    }

    [Fact]
    public async Task TerminalReportingAnotherLogin_IsTheWrongTerminal_NothingReconciledAndOrdersRefused()
    {
        await using var kit = await Mt5TestKit.StartAsync(fixture, reportedLogin: 42);

        var report = Assert.Single(await kit.TerminalGrain.GetReconciliationsAsync());
        Assert.Contains("reports login 42", report.Error);
        Assert.Contains("wrong terminal", report.Error);
        var outcome = await kit.Account.PlaceOrderAsync(Market("w1", TradeSide.Buy, 1m));
        Assert.Equal(OrderState.Rejected, outcome.Order!.State);
        Assert.Contains("reports login 42", outcome.Order.LastReason);
        Assert.Empty(kit.Twin.Deals);
    }

    [Fact]
    public async Task TerminalNoAccountIsLinkedTo_HasItsReportsRefused()
    {
        var twin = new TwinTradeServer(777);
        var terminalId = $"777@Unlinked-{Guid.NewGuid().ToString("n")[..6]}";
        await using var terminal = new BridgeClient(new BridgeClientOptions
        {
            Host = "127.0.0.1", Port = fixture.Bridge.Server.LocalEndPoint.Port, Token = Mt5ClusterFixture.Token,
            TerminalId = terminalId, Symbols = ["EURUSD"], TradeServer = twin,
        });
        await terminal.ConnectAsync(CancellationToken.None);
        var grain = fixture.Cluster.GrainFactory.GetGrain<IMt5TerminalGrain>(terminalId);

        await terminal.SendFillAsync(new FillMessage(1, 2, 3, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 1.1, 1, BridgeOrderSide.Buy, "x1", "EURUSD"),
            CancellationToken.None);

        var status = await Mt5TestKit.EventuallyAsync(() => grain.GetStatusAsync(), s => s.RefusedReports >= 1, "the refused fill");
        Assert.Equal($"No account is linked to MT5 terminal '{terminalId}'.", status.Problem);
        // The snapshot answer queues behind the fill: wait for its reconciliation rather than reading it at once.
        var report = Assert.Single(await Mt5TestKit.EventuallyAsync(() => grain.GetReconciliationsAsync(), r => r.Count >= 1, "the refused reconciliation"));
        Assert.StartsWith($"No account is linked to MT5 terminal '{terminalId}'.", report.Error);
    }
}
