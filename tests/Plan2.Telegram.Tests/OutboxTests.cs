using Plan2.Abstractions.Telegram;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;

namespace Plan2.Telegram.Tests;

[Collection(BotCollection.Name)]
public class OutboxTests(BotFixture fixture)
{
    [Fact]
    public async Task TheOutbox_KeepsNotifications_WhileTheBotIsStopped_AndTheNextBotDeliversThem()
    {
        var kit = await new BotTestKit(fixture).OpenAsync();
        var chat = await kit.LinkedChatAsync(UserRole.Trader);
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var outbox = kit.Grains.GetGrain<ITelegramOutboxGrain>(ITelegramOutboxGrain.Key);
        await fixture.StopBotAsync();
        try
        {
            // The outbox is the platform's: an earlier test's notice (a kill switch's, told without waiting) may join it.
            var before = await outbox.CountAsync();
            await kit.Account.PlaceOrderAsync(new PlaceOrder("o1", "EURUSD", TradeSide.Buy, 1m, Actor.User("alice")));
            for (var i = 0; i < 100 && await outbox.CountAsync() == before; i++)
                await Task.Delay(20);
            Assert.True(await outbox.CountAsync() > before, "the fill's notice was not kept while the bot was stopped");
        }
        finally
        {
            await fixture.StartBotAsync();
        }
        var told = await fixture.Api.WaitForAsync(0, c => c.ChatId == chat && c.Text.StartsWith("✅ Filled: BUY 1/1 EURUSD", StringComparison.Ordinal));
        Assert.Equal(200, told.Status);
    }

    [Fact]
    public async Task ABurst_ReachesTheChatAsOneMessage()
    {
        var chat = BotTestKit.NewChat();
        var mark = fixture.Api.CallCount;
        var burst = Enumerable.Range(1, 10).Select(i => new OutboxMessage(chat, NotificationKind.Fills, $"fill {i}", Silent: false)).ToList();

        await fixture.Grains.GetGrain<ITelegramOutboxGrain>(ITelegramOutboxGrain.Key).EnqueueAsync(burst);

        var told = await fixture.Api.WaitForAsync(mark, c => c.ChatId == chat);
        Assert.Equal(string.Join("\n\n", burst.Select(b => b.Text)), told.Text);
        await Task.Delay(500);
        Assert.Single(fixture.Api.Calls.Skip(mark), c => c.ChatId == chat);
    }

    [Fact]
    public async Task OneDelivererAtATime_HoldsTheOutbox_UntilItReleasesIt()
    {
        var outbox = fixture.Grains.GetGrain<ITelegramOutboxGrain>("lease-" + Guid.NewGuid().ToString("n"));
        await outbox.EnqueueAsync([new OutboxMessage(1, NotificationKind.Fills, "x", false)]);

        Assert.Single(await outbox.PeekAsync(10, "bot-a"));
        Assert.Empty(await outbox.PeekAsync(10, "bot-b"));
        Assert.Single(await outbox.PeekAsync(10, "bot-a"));
        await outbox.ReleaseAsync("bot-a");
        Assert.Single(await outbox.PeekAsync(10, "bot-b"));
    }

    /// <summary>
    /// One tenant's flood (a chat that blocked the bot, a busy market) is counted, capped and delivered as that tenant's:
    /// another tenant's backlog reads as its own, its message is not dropped, and it is not kept out of the next batch.
    /// </summary>
    [Fact]
    public async Task OneTenantsBacklog_IsCountedCappedAndQueuedApart_FromAnothersMessages()
    {
        var outbox = fixture.Grains.GetGrain<ITelegramOutboxGrain>("tenants-" + Guid.NewGuid().ToString("n"));
        await outbox.EnqueueAsync([new OutboxMessage(2, NotificationKind.Fills, "quiet tenant's fill", false, Tenant: "quiet")]);
        var flood = Enumerable.Range(1, Plan2.Grains.Telegram.TelegramOutboxGrain.MaxQueuedPerTenant + 5)
            .Select(i => new OutboxMessage(1, NotificationKind.Predictions, $"busy {i}", true, Tenant: "busy")).ToList();
        await outbox.EnqueueAsync(flood);

        Assert.Equal(1, await outbox.CountForAsync("quiet"));
        Assert.Equal(Plan2.Grains.Telegram.TelegramOutboxGrain.MaxQueuedPerTenant, await outbox.CountForAsync("busy"));
        var batch = await outbox.PeekAsync(3, "bot");
        Assert.Equal(["quiet tenant's fill", "busy 6", "busy 7"], batch.Select(q => q.Message.Text)); // the busy tenant's 5 oldest were dropped
    }
}
