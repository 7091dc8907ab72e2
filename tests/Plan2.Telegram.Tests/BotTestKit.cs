using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Telegram;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;

namespace Plan2.Telegram.Tests;

/// <summary>A fresh tenant with an open "main" account, and chats that talk to the bot through the fake Bot API.</summary>
internal sealed class BotTestKit(BotFixture fixture)
{
    private static long _nextChat = 5_000_000;

    public string Tenant { get; } = "t-" + Guid.NewGuid().ToString("n")[..10];
    public FakeBotApi Api => fixture.Api;
    public IGrainFactory Grains => fixture.Grains;
    public IAccountGrain Account => Grains.GetGrain<IAccountGrain>($"{Tenant}/main");

    public static long NewChat() => Interlocked.Increment(ref _nextChat);

    public async Task<BotTestKit> OpenAsync()
    {
        await Grains.GetGrain<ITenantGrain>(Tenant).CreateAsync(new CreateTenant("Test", "alice"));
        await Account.OpenAsync(new OpenAccount("USD", PositionMode.Netting, 100_000m, Actor.User("alice")));
        return this;
    }

    /// <summary>A chat linked through a real code and /start, as a user would; returns its id.</summary>
    public async Task<long> LinkedChatAsync(UserRole role, string user = "alice", string? tenant = null)
    {
        var chat = NewChat();
        var code = await Grains.GetGrain<ITelegramDirectoryGrain>(ITelegramDirectoryGrain.Key).IssueCodeAsync(tenant ?? Tenant, user, role);
        var reply = await SayAsync(chat, "/start " + code.Code);
        Assert.StartsWith("Linked", reply.Text);
        return chat;
    }

    /// <summary>Sends a message from the chat and returns the bot's next message (text or photo) to it.</summary>
    public async Task<BotCall> SayAsync(long chat, string text)
    {
        var mark = Api.CallCount;
        Api.PushText(chat, text);
        return await Api.WaitForAsync(mark, c => c.ChatId == chat && c.Method is "sendMessage" or "sendPhoto" && !IsNotification(c));
    }

    /// <summary>A notification from the outbox (an order placed by the test may tell the chat) rather than an answer.</summary>
    public static bool IsNotification(BotCall call) =>
        call.Text.StartsWith("✅ Filled:", StringComparison.Ordinal) || call.Text.StartsWith("✅ Partly filled:", StringComparison.Ordinal)
        || call.Text.StartsWith("❌ Rejected:", StringComparison.Ordinal) || call.Text.StartsWith("⚠️ Risk refused", StringComparison.Ordinal)
        || call.Text.StartsWith("🛑 Kill switch", StringComparison.Ordinal) && call.Method == "sendMessage";

    /// <summary>Presses an inline button under a message the bot sent; returns the bot's edit of that message.</summary>
    public async Task<BotCall> PressAsync(long chat, BotCall message, string data)
    {
        var mark = Api.CallCount;
        Api.PushButton(chat, message.SentMessageId!.Value, data);
        var edit = await Api.WaitForAsync(mark, c => c.ChatId == chat && c.Method == "editMessageText");
        await Api.WaitForAsync(mark, c => c.Method == "answerCallbackQuery");
        return edit;
    }

    public async Task QuoteAsync(string symbol, decimal bid, decimal ask)
    {
        await Task.Delay(2); // distinct millisecond stamps: this tick becomes the last quote
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await Grains.GetGrain<IInstrumentGrain>(symbol).PublishTicksAsync(new TickBatch(symbol, now, [now], [(double)bid], [(double)ask], Record: false));
    }
}
