using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;

namespace Plan2.Telegram.Tests;

/// <summary>/strategies lists every configured strategy; /pnl gives what the period's fills realised.</summary>
[Collection(BotCollection.Name)]
public class AccountPeriodTests(BotFixture fixture)
{
    [Fact]
    public async Task Strategies_ListsEveryConfiguredStrategy_AlsoOnesThatNeverTraded()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var chat = await kit.LinkedChatAsync(UserRole.Viewer);
        await kit.Grains.GetGrain<IStrategyGrain>($"{kit.Tenant}/main/quiet-1/EURUSD").ConfigureAsync(new StrategyConfig(0.5m, Enabled: false));
        await kit.Grains.GetGrain<IStrategyGrain>($"{kit.Tenant}/main/calm-2/USDJPY").ConfigureAsync(new StrategyConfig(2m, "M5"));

        var text = (await kit.SayAsync(chat, "/strategies")).Text;

        Assert.Contains("calm-2/USDJPY: on, 2 lots M5", text);
        Assert.Contains("quiet-1/EURUSD: off, 0.5 lots M1", text);
    }

    [Fact]
    public async Task Pnl_Day_IsWhatTheDaysFillsRealised_AfterCommission()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var chat = await kit.LinkedChatAsync(UserRole.Trader);
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        await kit.Account.PlaceOrderAsync(new PlaceOrder("d1", "EURUSD", TradeSide.Buy, 1m, Actor.User("alice")));
        await kit.QuoteAsync("EURUSD", 1.10210m, 1.10220m);
        await kit.Account.PlaceOrderAsync(new PlaceOrder("d2", "EURUSD", TradeSide.Sell, 1m, Actor.User("alice")));
        var account = (await kit.Account.GetAsync())!;
        Assert.Equal(200m, account.RealizedPnl); // 1 lot × 100,000 × (1.10210 − 1.10010)

        var text = (await kit.SayAsync(chat, "/pnl day")).Text;

        var today = DateTimeOffset.UtcNow;
        Assert.Contains($"This day (since {today:ddd dd MMM} 00:00 UTC): realised {Commands.Args.Money(200m - account.Commission)} after commission {Commands.Args.Money(-account.Commission)}, 2 fill(s)", text);
        Assert.Contains("Open positions now: 0.00 unrealised", text);
    }
}
