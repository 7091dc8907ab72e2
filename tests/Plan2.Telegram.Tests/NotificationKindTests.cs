using Plan2.Abstractions.Telegram;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;

namespace Plan2.Telegram.Tests;

/// <summary>Each notification kind has its own setting: turning one off or silent leaves the others as they were.</summary>
[Collection(BotCollection.Name)]
public class NotificationKindTests(BotFixture fixture)
{
    [Fact]
    public async Task FillsOff_RejectionsSilent_RiskOn_EachKindFollowsItsOwnSetting()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var chat = await kit.LinkedChatAsync(UserRole.Trader);
        await kit.SayAsync(chat, "/settings fills off");
        await kit.SayAsync(chat, "/settings rejections silent");
        var settings = (await kit.SayAsync(chat, "/settings")).Text;
        Assert.Contains("fills: off\nrejections: silent\nrisk: on\n", settings);
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var mark = fixture.Api.CallCount;

        await kit.Account.PlaceOrderAsync(new PlaceOrder("k1", "EURUSD", TradeSide.Buy, 1m, Actor.User("alice"))); // filled: fills are off
        await kit.Grains.GetGrain<IKillSwitchGrain>(kit.Tenant).SetAsync(true, Actor.User("alice"));
        var denied = (await kit.Account.PlaceOrderAsync(new PlaceOrder("k2", "EURUSD", TradeSide.Buy, 1m, Actor.User("alice")))).Order!; // refused by risk
        Assert.Equal(OrderState.Denied, denied.State);
        var risk = await fixture.Api.WaitForAsync(mark, c => c.ChatId == chat && c.Text.Contains("⚠️ Risk refused BUY 1 EURUSD", StringComparison.Ordinal));
        Assert.False(risk.Silent);
        await Task.Delay(500); // past the chat's interval: the next notice goes on its own, not merged with this one

        // A venue's rejection, as an account hands it on (the paper venue rejects nothing the account lets through).
        await kit.Grains.GetGrain<INotificationGrain>(kit.Tenant).OnOrderAsync(
            denied with { ClientOrderId = "k3", Symbol = "GBPUSD", State = OrderState.Rejected, LastReason = "market closed" });

        var rejection = await fixture.Api.WaitForAsync(mark, c => c.ChatId == chat && c.Text.StartsWith("❌ Rejected: BUY 1 GBPUSD on main: market closed", StringComparison.Ordinal));
        Assert.True(rejection.Silent);
        await Task.Delay(500);
        Assert.DoesNotContain(fixture.Api.Calls.Skip(mark), c => c.ChatId == chat && c.Text.Contains("Filled", StringComparison.Ordinal));
    }
}
