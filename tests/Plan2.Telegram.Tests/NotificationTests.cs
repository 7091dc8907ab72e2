using Plan2.Abstractions.Telegram;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;

namespace Plan2.Telegram.Tests;

[Collection(BotCollection.Name)]
public class NotificationTests(BotFixture fixture)
{
    [Fact]
    public async Task AFill_IsToldToEveryLinkedChatOfTheTenant_AndNoOther()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var other = await new BotTestKit(fixture).OpenAsync();
        var (trader, viewer, outsider) = (await kit.LinkedChatAsync(UserRole.Trader), await kit.LinkedChatAsync(UserRole.Viewer), await other.LinkedChatAsync(UserRole.Admin));
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var mark = fixture.Api.CallCount;

        await kit.Account.PlaceOrderAsync(new PlaceOrder("n1", "EURUSD", TradeSide.Buy, 2m, Actor.Strategy("trend-1"), StrategyId: "trend-1"));

        foreach (var chat in new[] { trader, viewer })
        {
            var told = await fixture.Api.WaitForAsync(mark, c => c.ChatId == chat && c.Method == "sendMessage");
            Assert.Equal("✅ Filled: BUY 2/2 EURUSD at 1.1001 on main (strategy trend-1)", told.Text);
            Assert.False(told.Silent);
        }
        await Task.Delay(500);
        Assert.DoesNotContain(fixture.Api.Calls.Skip(mark), c => c.ChatId == outsider);
    }

    [Fact]
    public async Task SilentNotifications_GoWithoutSound_AndOffOnesNotAtAll()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var silent = await kit.LinkedChatAsync(UserRole.Trader);
        var off = await kit.LinkedChatAsync(UserRole.Trader);
        Assert.Contains("fills: silent", (await kit.SayAsync(silent, "/settings fills silent")).Text);
        var settings = await kit.SayAsync(off, "/settings");
        Assert.Contains("ns:Fills:Off", settings.Buttons);
        Assert.Contains("fills: off", (await kit.PressAsync(off, settings, "ns:Fills:Off")).Text);
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var mark = fixture.Api.CallCount;

        await kit.Account.PlaceOrderAsync(new PlaceOrder("n2", "EURUSD", TradeSide.Sell, 1m, Actor.User("alice")));

        var told = await fixture.Api.WaitForAsync(mark, c => c.ChatId == silent && c.Method == "sendMessage");
        Assert.True(told.Silent);
        Assert.StartsWith("✅ Filled: SELL 1/1 EURUSD at 1.1", told.Text);
        await Task.Delay(500);
        Assert.DoesNotContain(fixture.Api.Calls.Skip(mark), c => c.ChatId == off);
    }

    [Fact]
    public async Task KeptLinks_FollowEveryChange_ASettingALinkAndAnUnlink()
    {
        // The tenant's notification grain keeps its links after the first fill; each change must reach it at once, not a minute later.
        var kit = await new BotTestKit(fixture).OpenAsync();
        var first = await kit.LinkedChatAsync(UserRole.Trader);
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        await BuyToldToAsync(kit, "kl1", 1, first);

        Assert.Contains("fills: off", (await kit.SayAsync(first, "/settings fills off")).Text);
        var second = await kit.LinkedChatAsync(UserRole.Viewer);
        await Task.Delay(500); // past the chats' interval: the next notice goes on its own
        var mark = await BuyToldToAsync(kit, "kl2", 2, second);

        await kit.Grains.GetGrain<ITelegramDirectoryGrain>(ITelegramDirectoryGrain.Key).UnlinkAsync(second);
        await Task.Delay(500);
        var afterUnlink = fixture.Api.CallCount;
        await kit.Account.PlaceOrderAsync(new PlaceOrder("kl3", "EURUSD", TradeSide.Buy, 3m, Actor.User("alice")));
        await Task.Delay(1_000);
        Assert.DoesNotContain(fixture.Api.Calls.Skip(mark), c => c.ChatId == first && BotTestKit.IsNotification(c));
        Assert.DoesNotContain(fixture.Api.Calls.Skip(afterUnlink), c => c.ChatId == second);
    }

    [Fact]
    public async Task Settings_ExplainBadKindsAndModes()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var chat = await kit.LinkedChatAsync(UserRole.Viewer);

        Assert.StartsWith("⚠️ 'errors' is not a notification kind", (await kit.SayAsync(chat, "/settings errors on")).Text); // admins only
        Assert.StartsWith("⚠️ Say on, silent or off.", (await kit.SayAsync(chat, "/settings fills loud")).Text);
        Assert.Contains("above confidence 0.85", (await kit.SayAsync(chat, "/settings threshold 0.85")).Text);
    }

    [Fact]
    public async Task AKillSwitchSetOutsideTelegram_AndARiskDenial_AreRiskAlerts()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var chat = await kit.LinkedChatAsync(UserRole.Viewer);
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var mark = fixture.Api.CallCount;

        // Set as the dashboard and the API set it: straight on the grain, not through the bot.
        await kit.Grains.GetGrain<IKillSwitchGrain>(kit.Tenant).SetAsync(true, Actor.User("alice"));
        await kit.Account.PlaceOrderAsync(new PlaceOrder("n3", "EURUSD", TradeSide.Buy, 1m, Actor.User("alice")));

        await fixture.Api.WaitForAsync(mark, c => c.ChatId == chat && c.Text.Contains($"🛑 Kill switch of {kit.Tenant} ENGAGED by alice", StringComparison.Ordinal));
        await fixture.Api.WaitForAsync(mark, c => c.ChatId == chat && c.Text.Contains("⚠️ Risk refused BUY 1 EURUSD on main: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheOutbox_KeepsNotifications_WhileTheBotApiIsDown_AndDeliversThemAfter()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var chat = await kit.LinkedChatAsync(UserRole.Trader);
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var outbox = kit.Grains.GetGrain<ITelegramOutboxGrain>(ITelegramOutboxGrain.Key);
        await fixture.Api.StopAsync();
        try
        {
            await kit.Account.PlaceOrderAsync(new PlaceOrder("n4", "EURUSD", TradeSide.Buy, 1m, Actor.User("alice")));
            for (var i = 0; i < 100 && await outbox.CountAsync() == 0; i++)
                await Task.Delay(20);
            await Task.Delay(1500); // several delivery attempts fail meanwhile
            Assert.Equal(1, await outbox.CountAsync());
        }
        finally
        {
            await fixture.Api.StartAsync();
        }
        var told = await fixture.Api.WaitForAsync(0, c => c.ChatId == chat && c.Text.StartsWith("✅ Filled: BUY 1/1 EURUSD", StringComparison.Ordinal));
        Assert.Equal(200, told.Status);
        for (var i = 0; i < 100 && await outbox.CountAsync() > 0; i++)
            await Task.Delay(20);
        Assert.Equal(0, await outbox.CountAsync());
    }

    [Fact]
    public async Task A429_IsObeyed_ByWaitingItsRetryAfter_ThenDelivering()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var chat = await kit.LinkedChatAsync(UserRole.Trader);
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var mark = fixture.Api.CallCount;
        fixture.Api.TooManyRequests("sendMessage", retryAfterSeconds: 2);

        await kit.Account.PlaceOrderAsync(new PlaceOrder("n5", "EURUSD", TradeSide.Buy, 1m, Actor.User("alice")));

        var refused = await fixture.Api.WaitForAsync(mark, c => c.ChatId == chat && c.Status == 429);
        var delivered = await fixture.Api.WaitForAsync(mark, c => c.ChatId == chat && c.Status == 200 && c.Method == "sendMessage");
        Assert.Equal(refused.Text, delivered.Text);
        // The wait runs on the runtime's timer (a millisecond tick, may ring a tick early) and is read here on the wall clock:
        // a margin of 20 ms, far from the 1 s a sender that ignored the retry_after would show (or the 0 s of no wait).
        Assert.True(delivered.At - refused.At >= TimeSpan.FromSeconds(2) - TimeSpan.FromMilliseconds(20),
            $"retried after {(delivered.At - refused.At).TotalSeconds:0.000} s, told to wait 2 s");
        Assert.Single(fixture.Api.Calls.Skip(mark), c => c.ChatId == chat && c.Status == 200 && c.Method == "sendMessage");
    }

    /// <summary>Buys <paramref name="lots"/> EURUSD and waits until <paramref name="chat"/> is told of the fill; returns the call count before the order.</summary>
    private async Task<int> BuyToldToAsync(BotTestKit kit, string clientId, int lots, long chat)
    {
        var mark = fixture.Api.CallCount;
        await kit.Account.PlaceOrderAsync(new PlaceOrder(clientId, "EURUSD", TradeSide.Buy, lots, Actor.User("alice")));
        await fixture.Api.WaitForAsync(mark, c => c.ChatId == chat && c.Text.StartsWith($"✅ Filled: BUY {lots}/{lots} EURUSD", StringComparison.Ordinal));
        return mark;
    }
}
