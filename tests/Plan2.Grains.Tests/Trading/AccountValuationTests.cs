using Plan2.Abstractions.Trading;
using static Plan2.Grains.Tests.Trading.TradingTestKit;

namespace Plan2.Grains.Tests.Trading;

/// <summary>
/// An account is valued at the quotes of now, not at those it saw when it last placed an order in each symbol:
/// what /positions, the daily summary and the API show, and what risk limits the next order by.
/// </summary>
[Collection(ClusterCollection.Name)]
public class AccountValuationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task GetAccount_ValuesOpenPositionsAtTheCurrentQuote()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync("AUDUSD", 0.66000m, 0.66010m);
        await kit.Account.PlaceOrderAsync(Market("v-buy", TradeSide.Buy, 1m, "AUDUSD") with { StrategyId = "trend" });
        await kit.QuoteAsync("AUDUSD", 0.66110m, 0.66120m); // no order since: the account has not seen it

        var account = (await kit.Account.GetAsync())!;

        // 1 lot × 100,000 × (0.66110 bid − 0.66010 entry) = 100.00; exposure 100,000 × mid 0.66115.
        Assert.Equal((100.00m, 66_115m), (account.UnrealizedPnl, account.GrossExposure));
        Assert.Equal(100.00m, Assert.Single(account.Strategies).UnrealizedPnl);
        Assert.Equal(100.00m, Assert.Single(account.Positions).UnrealizedPnl); // what GET /api/positions shows per position
    }

    [Fact]
    public async Task PlaceOrder_DailyLossCountsTheOtherPositionsAtTheirQuotesNow()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync(limits: new AccountLimits(MaxDailyLoss: 500m));
        await kit.QuoteAsync("NZDUSD", 0.60000m, 0.60010m);
        await kit.QuoteAsync("USDCAD", 1.36000m, 1.36010m);
        await kit.Account.PlaceOrderAsync(Market("dl-buy", TradeSide.Buy, 1m, "NZDUSD"));
        await kit.QuoteAsync("NZDUSD", 0.59000m, 0.59010m); // 1 lot × 100,000 × (0.59000 − 0.60010) = −1,010.00 unrealised

        var outcome = await kit.Account.PlaceOrderAsync(Market("dl-other", TradeSide.Buy, 0.1m, "USDCAD"));

        Assert.Equal(nameof(Core.Risk.RiskReason.MaxDailyLoss), outcome.RefusalCode);
    }
}
