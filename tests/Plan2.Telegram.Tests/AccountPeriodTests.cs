using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;

namespace Plan2.Telegram.Tests;

/// <summary>/strategies lists every configured strategy; /pnl gives what the period's fills realised plus the move of open positions.</summary>
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
        Assert.Contains($"This day (since {today:ddd dd MMM} 00:00 UTC): {Commands.Args.Money(200m - account.Commission)}\n", text);
        Assert.Contains($"  realised {Commands.Args.Money(200m - account.Commission)} after commission {Commands.Args.Money(-account.Commission)}, 2 fill(s)", text);
        Assert.Contains("  unrealised 0.00 now, 0.00 at the start: change 0.00", text);
    }

    [Fact]
    public async Task Pnl_Day_AddsTheMoveOfTheOpenPosition_AtTheLatestQuote()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var chat = await kit.LinkedChatAsync(UserRole.Viewer);
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        await kit.Account.PlaceOrderAsync(new PlaceOrder("m1", "EURUSD", TradeSide.Buy, 1m, Actor.User("alice")));
        await kit.QuoteAsync("EURUSD", 1.10100m, 1.10110m);
        await kit.Account.PlaceOrderAsync(new PlaceOrder("m2", "EURUSD", TradeSide.Sell, 0.4m, Actor.User("alice")));
        await kit.QuoteAsync("EURUSD", 1.10200m, 1.10210m); // no order after it: the answer must still value the position at it
        var commission = (await kit.Account.GetAsync())!.Commission;

        var text = (await kit.SayAsync(chat, "/pnl")).Text;

        // Realised 0.4 lot × 100,000 × (1.10100 − 1.10010) = 36.00; the 0.6 lot left is worth (1.10200 − 1.10010) × 60,000 = 114.00.
        Assert.Contains($"This day (since {DateTimeOffset.UtcNow:ddd dd MMM} 00:00 UTC): {Commands.Args.Money(150m - commission)}\n", text);
        Assert.Contains($"  realised {Commands.Args.Money(36m - commission)} after commission", text);
        Assert.Contains("  unrealised +114.00 now, 0.00 at the start: change +114.00", text);
    }
}
