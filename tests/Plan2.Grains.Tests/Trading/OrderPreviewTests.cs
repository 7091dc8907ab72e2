using Plan2.Abstractions.Trading;
using static Plan2.Grains.Tests.Trading.TradingTestKit;

namespace Plan2.Grains.Tests.Trading;

/// <summary>Pre-trade feedback: the account answers what placing an order would meet, and records nothing.</summary>
[Collection(ClusterCollection.Name)]
public class OrderPreviewTests(ClusterFixture fixture)
{
    private async Task<TradingTestKit> NewAccountAsync(AccountLimits? limits = null)
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync(limits: limits);
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        return kit;
    }

    [Fact]
    public async Task Preview_OfAnOrderRiskWouldDeny_GivesTheRiskReason_AndRecordsNothing()
    {
        var kit = await NewAccountAsync(new AccountLimits(MaxOrderLots: 2m));

        var preview = await kit.Account.PreviewOrderAsync(Market("p1", TradeSide.Buy, 3m));

        Assert.Equal("MaxOrderSize", preview.RefusalCode);
        Assert.Contains("2", preview.Message);
        Assert.Null(preview.Order);
        var account = (await kit.Account.GetAsync())!;
        Assert.Equal((0, 0), (account.OrdersPlaced, account.Positions.Count));
        Assert.Empty(await kit.Account.GetRecentOrdersAsync(10));
    }

    [Fact]
    public async Task Preview_OfAMalformedOrder_GivesTheValidationReason()
    {
        var kit = await NewAccountAsync();

        var preview = await kit.Account.PreviewOrderAsync(Market("p1", TradeSide.Buy, 0.015m));

        Assert.Equal("QuantityOffLotStep", preview.RefusalCode);
    }

    [Fact]
    public async Task Previews_DoNotCountAgainstTheSubmitRate()
    {
        var kit = await NewAccountAsync(new AccountLimits(MaxSubmitsPerSecond: 1));

        for (var i = 0; i < 3; i++)
            Assert.False((await kit.Account.PreviewOrderAsync(Market("p" + i, TradeSide.Buy, 0.1m))).IsRefused);
        var placed = await kit.Account.PlaceOrderAsync(Market("real", TradeSide.Buy, 0.1m));

        Assert.False(placed.IsRefused, placed.Message);
        Assert.Equal(OrderState.Filled, placed.Order!.State);
    }

    [Fact]
    public async Task RecentOrders_ListEveryStateNewestFirst_UpToTheCount()
    {
        var kit = await NewAccountAsync(new AccountLimits(MaxOrderLots: 2m));
        await kit.Account.PlaceOrderAsync(Market("o1", TradeSide.Buy, 1m));
        await kit.Account.PlaceOrderAsync(Market("o2", TradeSide.Buy, 5m)); // denied by risk: still an order
        await kit.Account.PlaceOrderAsync(Limit("o3", TradeSide.Buy, 1m, 1.09000m)); // rests

        var recent = await kit.Account.GetRecentOrdersAsync(10);
        var two = await kit.Account.GetRecentOrdersAsync(2);

        Assert.Equal(["o3", "o2", "o1"], recent.Select(o => o.ClientOrderId));
        Assert.Equal([OrderState.Accepted, OrderState.Denied, OrderState.Filled], recent.Select(o => o.State));
        Assert.Equal(["o3", "o2"], two.Select(o => o.ClientOrderId));
    }
}
