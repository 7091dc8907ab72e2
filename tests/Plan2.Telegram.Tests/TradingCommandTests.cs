using Plan2.Abstractions.Configuration;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;

namespace Plan2.Telegram.Tests;

[Collection(BotCollection.Name)]
public class TradingCommandTests(BotFixture fixture)
{
    [Fact]
    public async Task Buy_Confirmed_PlacesTheOrderThroughTheAccount()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var chat = await kit.LinkedChatAsync(UserRole.Trader, "bob");
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);

        var offer = await kit.SayAsync(chat, "/buy eurusd 0.5");
        Assert.StartsWith("Confirm: BUY 0.5 EURUSD at market on main?", offer.Text);
        Assert.Equal(0, (await kit.Account.GetAsync())!.OrdersPlaced); // nothing sent before the confirmation
        var confirm = offer.Buttons.Single(b => b.StartsWith("ok:"));

        var done = await kit.PressAsync(chat, offer, confirm);

        Assert.Equal(offer.SentMessageId, done.MessageId);
        Assert.StartsWith("✅ BUY 0.5 EURUSD filled at 1.1001", done.Text);
        var position = Assert.Single((await kit.Account.GetAsync())!.Positions);
        Assert.Equal(("EURUSD", TradeSide.Buy, 0.5m), (position.Symbol, position.Side, position.Quantity));
        Assert.StartsWith("Already done:", (await kit.PressAsync(chat, offer, confirm)).Text);
        Assert.Equal(1, (await kit.Account.GetAsync())!.OrdersPlaced);
    }

    [Fact]
    public async Task Sell_PastItsLifetime_Expires_AndSendsNothing()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var chat = await kit.LinkedChatAsync(UserRole.Trader);
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var offer = await kit.SayAsync(chat, "/sell EURUSD 1");

        await Task.Delay(BotFixture.ConfirmationLifetime + TimeSpan.FromMilliseconds(300));
        var done = await kit.PressAsync(chat, offer, offer.Buttons.Single(b => b.StartsWith("ok:")));

        Assert.Equal("⌛ This offer expired: nothing was sent. Ask again if you still want it.", done.Text);
        Assert.Equal(0, (await kit.Account.GetAsync())!.OrdersPlaced);
    }

    /// <summary>
    /// An expired confirmation stays "expired" when the next offer has cleared it away and when it is tapped again: before,
    /// both said "already ended", so a user could not tell an order that was never sent from one that was.
    /// </summary>
    [Fact]
    public async Task Confirm_ThatExpired_IsToldApartFromOneAlreadyUsed_AfterALaterOfferAndASecondTap()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var chat = await kit.LinkedChatAsync(UserRole.Trader);
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var late = await kit.SayAsync(chat, "/buy EURUSD 1");
        await Task.Delay(BotFixture.ConfirmationLifetime + TimeSpan.FromMilliseconds(300));
        var used = await kit.SayAsync(chat, "/buy EURUSD 0.5"); // a new offer clears the expired one away
        var usedOk = used.Buttons.Single(b => b.StartsWith("ok:"));
        Assert.StartsWith("✅ BUY 0.5 EURUSD filled", (await kit.PressAsync(chat, used, usedOk)).Text);

        var lateOk = late.Buttons.Single(b => b.StartsWith("ok:"));
        Assert.StartsWith("⌛ This offer expired", (await kit.PressAsync(chat, late, lateOk)).Text);
        Assert.StartsWith("⌛ This offer expired", (await kit.PressAsync(chat, late, lateOk)).Text);
        Assert.StartsWith("Already done:", (await kit.PressAsync(chat, used, usedOk)).Text);
        Assert.Equal(1, (await kit.Account.GetAsync())!.OrdersPlaced);
    }

    [Fact]
    public async Task Cancel_SendsNothing()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var chat = await kit.LinkedChatAsync(UserRole.Trader);
        var offer = await kit.SayAsync(chat, "/buy EURUSD 1");

        var done = await kit.PressAsync(chat, offer, offer.Buttons.Single(b => b.StartsWith("no:")));

        Assert.Equal("Cancelled: nothing was sent.", done.Text);
        Assert.Equal(0, (await kit.Account.GetAsync())!.OrdersPlaced);
    }

    [Fact]
    public async Task Buy_RefusedByPreTradeRisk_SaysWhy()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        await kit.Account.SetLimitsAsync(new AccountLimits(MaxOrderLots: 1m), Actor.User("alice"));
        var chat = await kit.LinkedChatAsync(UserRole.Trader);
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var offer = await kit.SayAsync(chat, "/buy EURUSD 2");

        var done = await kit.PressAsync(chat, offer, offer.Buttons.Single(b => b.StartsWith("ok:")));

        Assert.StartsWith("❌ BUY 2 EURUSD refused by risk (", done.Text);
        Assert.Empty((await kit.Account.GetAsync())!.Positions);
    }

    [Fact]
    public async Task Viewer_IsRefusedEveryTradingCommand()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var chat = await kit.LinkedChatAsync(UserRole.Viewer, "vera");

        foreach (var (command, role) in new[] { ("/buy EURUSD 1", "trader"), ("/sell EURUSD 1", "trader"), ("/close all", "trader"), ("/strategy s/EURUSD off", "trader"), ("/killswitch", "admin") })
        {
            var reply = await kit.SayAsync(chat, command);
            Assert.Equal($"Sorry, {command.Split(' ')[0]} needs the {role} role and you are a viewer.", reply.Text);
            Assert.Empty(reply.Buttons);
        }
        Assert.Equal(0, (await kit.Account.GetAsync())!.OrdersPlaced);
    }

    [Fact]
    public async Task Trader_IsRefusedTheKillSwitch()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var chat = await kit.LinkedChatAsync(UserRole.Trader);

        Assert.Equal("Sorry, /killswitch needs the admin role and you are a trader.", (await kit.SayAsync(chat, "/killswitch on")).Text);
    }

    [Fact]
    public async Task BadQuantities_AreExplained()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var chat = await kit.LinkedChatAsync(UserRole.Trader);

        Assert.Equal("⚠️ '-1' is not a quantity: give a positive number of lots, e.g. 0.1.\nUsage: /buy EURUSD 0.1", (await kit.SayAsync(chat, "/buy EURUSD -1")).Text);
        Assert.Equal("⚠️ Give a quantity in lots, e.g. 0.1.\nUsage: /sell EURUSD 0.1", (await kit.SayAsync(chat, "/sell EURUSD")).Text);
    }

    [Fact]
    public async Task Close_Confirmed_FlattensThePosition_AndPositionsOrdersPnlRiskShowIt()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var chat = await kit.LinkedChatAsync(UserRole.Trader);
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        await kit.Account.PlaceOrderAsync(new PlaceOrder("p1", "EURUSD", TradeSide.Buy, 1m, Actor.User("alice")));
        await kit.Account.PlaceOrderAsync(new PlaceOrder("w1", "EURUSD", TradeSide.Buy, 1m, Actor.User("alice"), TradeOrderType.Limit, LimitPrice: 1.05m));

        Assert.Matches(@"#\d+ BUY 1 EURUSD @ 1\.1001", (await kit.SayAsync(chat, "/positions")).Text);
        Assert.Contains("w1: BUY 1 EURUSD Limit @ 1.05, Accepted, filled 0", (await kit.SayAsync(chat, "/orders")).Text);
        var risk = (await kit.SayAsync(chat, "/risk")).Text;
        Assert.Contains("Open orders: 1 of", risk);
        Assert.Contains("Largest position: 1 lots", risk);
        var pnl = await kit.SayAsync(chat, "/pnl week");
        Assert.Contains("realised 0.00 after commission", pnl.Text); // the week's one fill opened a position: nothing realised yet
        Assert.Contains("unrealised -10.00 now", pnl.Text); // bought at the ask, valued at the bid
        Assert.Equal(["rf:pnl week"], pnl.Buttons);

        await kit.QuoteAsync("EURUSD", 1.10110m, 1.10120m);
        var refreshed = await kit.PressAsync(chat, pnl, "rf:pnl week");
        Assert.Equal(pnl.SentMessageId, refreshed.MessageId); // edited in place, as /status's refresh is
        Assert.Contains("unrealised +100.00 now", refreshed.Text); // a long is worth the bid: 1 lot × 100,000 × (1.10110 − 1.10010)

        var offer = await kit.SayAsync(chat, "/close EURUSD");
        Assert.StartsWith("Confirm: Close BUY 1 EURUSD at market on main?", offer.Text);
        var done = await kit.PressAsync(chat, offer, offer.Buttons.Single(b => b.StartsWith("ok:")));
        Assert.StartsWith("✅ SELL 1 EURUSD filled at 1.1011", done.Text);
        Assert.Empty((await kit.Account.GetAsync())!.Positions);
        Assert.Equal("No open positions on main.", (await kit.SayAsync(chat, "/positions")).Text);
        Assert.Equal("No open EURUSD position on main.", (await kit.SayAsync(chat, "/close EURUSD")).Text);
    }

    [Fact]
    public async Task CloseAll_Confirmed_FlattensEveryPosition()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var chat = await kit.LinkedChatAsync(UserRole.Trader);
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        await kit.QuoteAsync("GBPUSD", 1.25000m, 1.25012m);
        await kit.Account.PlaceOrderAsync(new PlaceOrder("a1", "EURUSD", TradeSide.Buy, 1m, Actor.User("alice")));
        await kit.Account.PlaceOrderAsync(new PlaceOrder("a2", "GBPUSD", TradeSide.Sell, 0.5m, Actor.User("alice")));

        var offer = await kit.SayAsync(chat, "/close all");
        Assert.Equal(2, (await kit.Account.GetAsync())!.Positions.Count); // nothing closed before the confirmation
        Assert.StartsWith("Confirm: Close BUY 1 EURUSD, SELL 0.5 GBPUSD at market on main?", offer.Text);
        await kit.PressAsync(chat, offer, offer.Buttons.Single(b => b.StartsWith("ok:")));

        Assert.Empty((await kit.Account.GetAsync())!.Positions);
        Assert.Equal("No open positions on main.", (await kit.SayAsync(chat, "/close all")).Text);
    }

    [Fact]
    public async Task KillSwitch_Confirmed_ByAnAdmin_StopsNewOrders()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var chat = await kit.LinkedChatAsync(UserRole.Admin);
        var offer = await kit.SayAsync(chat, "/killswitch");
        Assert.StartsWith($"Confirm: ENGAGE the kill switch of {kit.Tenant}?", offer.Text);

        var done = await kit.PressAsync(chat, offer, offer.Buttons.Single(b => b.StartsWith("ok:")));

        Assert.StartsWith($"🛑 Kill switch of {kit.Tenant} ENGAGED by alice", done.Text);
        Assert.True(await kit.Grains.GetGrain<IKillSwitchGrain>(kit.Tenant).IsEngagedAsync());
    }

    [Fact]
    public async Task Strategies_ListsThemAndStrategySwitchesOneOff()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var chat = await kit.LinkedChatAsync(UserRole.Trader);
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var strategy = kit.Grains.GetGrain<IStrategyGrain>($"{kit.Tenant}/main/trend-1/EURUSD");
        await strategy.ConfigureAsync(new StrategyConfig(1m));
        await kit.Account.PlaceOrderAsync(new PlaceOrder("s1", "EURUSD", TradeSide.Buy, 1m, Actor.Strategy("trend-1"), StrategyId: "trend-1"));

        Assert.Contains("trend-1/EURUSD: on, 1 lots M1", (await kit.SayAsync(chat, "/strategies")).Text);
        Assert.Equal("trend-1/EURUSD is now off; it applies from the next bar.", (await kit.SayAsync(chat, "/strategy trend-1/EURUSD off")).Text);
        Assert.False((await strategy.GetAsync()).Config!.Enabled);
        // The switch is a configuration change like any other: a version in the setting's history, with who made it.
        var change = Assert.Single(await kit.Grains.GetGrain<IConfigGrain>($"{kit.Tenant}/strategy/main/trend-1/EURUSD").GetHistoryAsync());
        Assert.Equal((new StrategyConfig(1m, Enabled: false), "user:alice"), (change.Value.Strategy, change.ChangedBy));
        Assert.Contains("trend-1/EURUSD: off", (await kit.SayAsync(chat, "/strategies")).Text);
        Assert.Equal("No strategy nope/EURUSD on main.", (await kit.SayAsync(chat, "/strategy nope/EURUSD on")).Text);
        Assert.StartsWith("⚠️ Name the strategy as ID/SYMBOL", (await kit.SayAsync(chat, "/strategy trend-1 on")).Text);
    }

    [Fact]
    public async Task AUserDemotedAfterLinking_LosesTradingAtOnce()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var tenant = kit.Grains.GetGrain<ITenantGrain>(kit.Tenant);
        await tenant.AddUserAsync("dave", UserRole.Trader);
        var chat = await kit.LinkedChatAsync(UserRole.Trader, "dave");
        Assert.StartsWith("Confirm: BUY 1 EURUSD", (await kit.SayAsync(chat, "/buy EURUSD 1")).Text);

        await tenant.ChangeUserRoleAsync("dave", UserRole.Viewer);

        Assert.Equal("Sorry, /buy needs the trader role and you are a viewer.", (await kit.SayAsync(chat, "/buy EURUSD 1")).Text);
    }
}
