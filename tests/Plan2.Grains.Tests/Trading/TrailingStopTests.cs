using Orleans.Core.Internal;
using Plan2.Abstractions.Trading;
using static Plan2.Grains.Tests.Trading.TradingTestKit;

namespace Plan2.Grains.Tests.Trading;

/// <summary>Trailing stops we hold ourselves: they follow the market through the instrument's ticks and exit through the account.</summary>
[Collection(ClusterCollection.Name)]
public class TrailingStopTests(ClusterFixture fixture)
{
    [Fact]
    public async Task TrailingStopOnALong_FollowsTheBidUp_AndExitsWhenTheBidFallsBackToIt()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync("GBPUSD", 1.30000m, 1.30020m);
        await kit.Account.PlaceOrderAsync(Market("long-1", TradeSide.Buy, 1m, "GBPUSD"));
        var stop = kit.Grains.GetGrain<ITrailingStopGrain>($"{kit.Tenant}/{kit.AccountId}/ts-1");

        var armed = await stop.ArmAsync(new ArmTrailingStop("GBPUSD", TradeSide.Buy, 1m, Distance: 0.00050m, Step: 0m, Alice));
        Assert.Equal(("Armed", 1.29950m), (armed.State, armed.StopPrice));
        await kit.QuoteAsync("GBPUSD", 1.30100m, 1.30120m); // up: the stop follows to 1.30050
        Assert.Equal(1.30050m, await StopPriceAsync(stop, 1.30050m)); // ticks reach the stop by one-way calls
        await kit.QuoteAsync("GBPUSD", 1.30060m, 1.30080m); // down a little: it stays
        await Task.Delay(100);
        Assert.Equal(1.30050m, (await stop.GetAsync())!.StopPrice);
        await kit.QuoteAsync("GBPUSD", 1.30040m, 1.30060m); // through it: exit at the bid

        TrailingStopView view = null!;
        for (var i = 0; i < 200 && view is not { State: "Triggered" }; i++, await Task.Delay(20))
            view = (await stop.GetAsync())!;
        Assert.Equal("Triggered", view.State);
        Assert.Equal((OrderState.Filled, TradeSide.Sell, 1.30040m, true), (view.Exit!.Order!.State, view.Exit.Order.Side, view.Exit.Order.AverageFillPrice, view.Exit.Order.Request.ReduceOnly));
        var account = (await kit.Account.GetAsync())!;
        Assert.Empty(account.Positions);
        Assert.Equal(20m, account.RealizedPnl); // 1 lot × 100,000 × (1.30040 − 1.30020)
    }

    [Fact]
    public async Task ArmedStop_KeepsWhereItStood_AcrossANewActivation_AndStillExits()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync("GBPUSD", 1.30000m, 1.30020m);
        await kit.Account.PlaceOrderAsync(Market("long-2", TradeSide.Buy, 1m, "GBPUSD"));
        var stop = kit.Grains.GetGrain<ITrailingStopGrain>($"{kit.Tenant}/{kit.AccountId}/ts-2");
        await stop.ArmAsync(new ArmTrailingStop("GBPUSD", TradeSide.Buy, 1m, Distance: 0.00050m, Step: 0m, Alice));
        await kit.QuoteAsync("GBPUSD", 1.30100m, 1.30120m);
        Assert.Equal(1.30050m, await StopPriceAsync(stop, 1.30050m));

        // As when its silo stops: the stop's activation and the instrument's in-memory tick subscribers are gone.
        await stop.AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await kit.Grains.GetGrain<Abstractions.MarketData.IInstrumentGrain>("GBPUSD").AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(300);

        var restored = (await stop.GetAsync())!;
        Assert.Equal(("Armed", 1.30050m), (restored.State, restored.StopPrice));
        TrailingStopView view = restored;
        for (var deadline = DateTime.UtcNow.AddSeconds(15); view.State != "Triggered" && DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            await kit.QuoteAsync("GBPUSD", 1.30040m, 1.30060m); // through the stop it had reached
            view = (await stop.GetAsync())!;
        }

        Assert.Equal("Triggered", view.State);
        Assert.Equal((OrderState.Filled, 1.30040m), (view.Exit!.Order!.State, view.Exit.Order.AverageFillPrice));
        Assert.Empty((await kit.Account.GetAsync())!.Positions);
    }

    [Fact]
    public async Task TriggeredStop_WhoseExitFailed_PlacesItOnItsNextWake()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync("GBPUSD", 1.30000m, 1.30020m);
        var late = kit.Grains.GetGrain<IAccountGrain>($"{kit.Tenant}/acc-late"); // not open yet: placing the exit there fails
        var stop = kit.Grains.GetGrain<ITrailingStopGrain>($"{kit.Tenant}/acc-late/ts-3");
        await stop.ArmAsync(new ArmTrailingStop("GBPUSD", TradeSide.Buy, 1m, Distance: 0.00050m, Step: 0m, Alice));
        await kit.QuoteAsync("GBPUSD", 1.29940m, 1.29960m); // through the stop at 1.29950
        Assert.Equal("Triggered", (await StateAsync(stop, "Triggered")).State);
        Assert.Null((await stop.GetAsync())!.Exit); // the account refused the call: no exit yet

        await late.OpenAsync(new OpenAccount("USD", PositionMode.Netting, 100_000m, Alice));
        await late.PlaceOrderAsync(Market("late-long", TradeSide.Buy, 1m, "GBPUSD"));

        var view = (await stop.GetAsync())!;
        for (var deadline = DateTime.UtcNow.AddSeconds(15); view.Exit is null && DateTime.UtcNow < deadline; await Task.Delay(100))
            view = (await stop.GetAsync())!; // the wake reminder comes every 2 s here
        var exit = view.Exit?.Order;
        Assert.NotNull(exit);
        Assert.Equal((OrderState.Filled, TradeSide.Sell, 1m), (exit.State, exit.Side, exit.Quantity));
        Assert.Empty((await late.GetAsync())!.Positions);
    }

    private static async Task<TrailingStopView> StateAsync(ITrailingStopGrain stop, string state)
    {
        var view = (await stop.GetAsync())!;
        for (var i = 0; i < 1500 && view.State != state; i++, await Task.Delay(20)) // up to 30 s: reactivations take seconds under load
            view = (await stop.GetAsync())!;
        return view;
    }

    private static async Task<decimal?> StopPriceAsync(ITrailingStopGrain stop, decimal expected)
    {
        var price = (await stop.GetAsync())!.StopPrice;
        for (var i = 0; i < 200 && price != expected; i++, await Task.Delay(20))
            price = (await stop.GetAsync())!.StopPrice;
        return price;
    }

    [Theory]
    [InlineData("XXXYYY", 0.00050, "UnknownSymbol")]
    [InlineData("GBPUSD", 0.000505, "PriceOffTick")]
    [InlineData("GBPUSD", 0, "NonPositivePrice")]
    public async Task BadTrailingStop_IsRefusedWithItsReason_AndArmsNothing(string symbol, double distance, string code)
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync("GBPUSD", 1.30000m, 1.30020m);
        var stop = kit.Grains.GetGrain<ITrailingStopGrain>($"{kit.Tenant}/{kit.AccountId}/bad-{code}");

        var refused = await stop.ArmAsync(new ArmTrailingStop(symbol, TradeSide.Buy, 1m, (decimal)distance, 0m, Alice));

        Assert.Equal(("Refused", code), (refused.State, refused.RefusalCode));
        Assert.False(string.IsNullOrWhiteSpace(refused.Message));
        Assert.Null(await stop.GetAsync());
    }
}
