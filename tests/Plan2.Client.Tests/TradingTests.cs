using Plan2.Abstractions.Trading;

namespace Plan2.Client.Tests;

/// <summary>The facade's trading calls on the paper broker: place (idempotent), track, cancel, positions and P&amp;L.</summary>
[Collection(SdkClusterCollection.Name)]
public sealed class TradingTests(SdkClusterFixture fixture)
{
    [Fact]
    public async Task MarketOrder_FillsAtTheQuote_AndTheResendIsTheSameOrder()
    {
        var (_, key) = await fixture.NewTenantAsync();
        await using var client = await fixture.ConnectAsync(key);
        await fixture.PublishQuoteAsync("EURUSD", 1.10000m, 1.10010m);

        var first = await client.PlaceOrderAsync(new NewOrder("buy-1", "eurusd", TradeSide.Buy, 0.5m));
        var resend = await client.PlaceOrderAsync(new NewOrder("buy-1", "EURUSD", TradeSide.Buy, 0.5m));
        var filled = await client.WaitForOrderClosedAsync("buy-1", TimeSpan.FromSeconds(10));

        Assert.False(first.IsRefused, first.Message);
        Assert.True(resend.Duplicate);
        Assert.Equal(first.Order!.OrderId, resend.Order!.OrderId);
        Assert.Equal((OrderState.Filled, 0.5m, 1.10010m), (filled.State, filled.FilledQuantity, filled.AverageFillPrice));
        Assert.Equal("user:key:" + client.KeyId, filled.Request.PlacedBy.ToString());
        var position = Assert.Single(await client.GetPositionsAsync());
        Assert.Equal(("EURUSD", TradeSide.Buy, 0.5m), (position.Symbol, position.Side, position.Quantity));
        Assert.Equal(1, (await client.GetAccountAsync())!.OrdersPlaced);
    }

    [Fact]
    public async Task RestingLimit_IsTrackedThenCanceled()
    {
        var (_, key) = await fixture.NewTenantAsync();
        await using var client = await fixture.ConnectAsync(key);
        await fixture.PublishQuoteAsync("GBPUSD", 1.25000m, 1.25010m);

        var placed = await client.PlaceOrderAsync(new NewOrder("lim-1", "GBPUSD", TradeSide.Buy, 0.1m, TradeOrderType.Limit, LimitPrice: 1.20000m));
        var tracked = new List<OrderState>();
        var tracking = Task.Run(async () =>
        {
            await foreach (var order in client.TrackOrderAsync("lim-1"))
                tracked.Add(order.State);
        });
        await WaitUntilAsync(() => tracked.Count > 0);
        var canceled = await client.CancelOrderAsync("lim-1");
        await tracking.WaitAsync(TimeSpan.FromSeconds(10));
        var again = await client.CancelOrderAsync("lim-1");

        Assert.False(placed.IsRefused, placed.Message);
        Assert.Equal(OrderState.Canceled, canceled.Order!.State);
        Assert.Equal(OrderState.Canceled, tracked[^1]);
        Assert.DoesNotContain(OrderState.Filled, tracked);
        Assert.True(again.IsRefused);
        Assert.Empty(await client.GetPositionsAsync());
    }

    [Fact]
    public async Task RiskRefusal_ComesBackInTheOutcome()
    {
        var (_, key) = await fixture.NewTenantAsync();
        await using var client = await fixture.ConnectAsync(key);

        var outcome = await client.PlaceOrderAsync(new NewOrder("odd-1", "NOSUCH", TradeSide.Buy, 0.1m));

        Assert.True(outcome.IsRefused);
        Assert.Equal("UnknownSymbol", outcome.RefusalCode);
        Assert.Throws<ArgumentException>(() => { _ = client.PlaceOrderAsync(new NewOrder("has.dot", "EURUSD", TradeSide.Buy, 0.1m)); });
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.True(condition(), "timed out waiting");
    }
}
