using Plan2.Abstractions.Telegram;
using Plan2.Abstractions.Tenancy;
using Plan2.Grains.Telegram;
using Plan2.Hosting;

namespace Plan2.Telegram.Tests;

/// <summary>The bot's grain state read back through the JSON serializer a cluster stores it with (PostgreSQL rows).</summary>
public class StoredStateTests
{
    private static readonly JsonGrainStorageSerializer Json = new();
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private static T RoundTrip<T>(T state) => Json.Deserialize<T>(Json.Serialize(state))!;

    [Fact]
    public void Directory_KeepsCodesLinksAndEachNotificationSetting()
    {
        var state = new TelegramDirectoryState
        {
            Codes = [new TelegramCodeRecord { Code = "ABCDEFGHJK", Tenant = "acme", User = "bob", Role = UserRole.Trader, ExpiresAt = T0 }],
            Links = [new TelegramLinkRecord
            {
                ChatId = -100123, Tenant = "acme", User = "alice", Role = UserRole.Admin, LinkedAt = T0, ConfidenceThreshold = 0.8,
                Notifications = { [NotificationKind.Fills] = NotificationMode.Silent, [NotificationKind.Predictions] = NotificationMode.On },
            }],
        };

        var read = RoundTrip(state);

        Assert.Equal(("ABCDEFGHJK", UserRole.Trader, T0), (read.Codes[0].Code, read.Codes[0].Role, read.Codes[0].ExpiresAt));
        var link = read.Links[0].ToView();
        Assert.Equal((-100123L, "alice", UserRole.Admin, 0.8), (link.ChatId, link.User, link.Role, link.ConfidenceThreshold));
        Assert.Equal(NotificationMode.Silent, link.ModeFor(NotificationKind.Fills));
        Assert.Equal(NotificationMode.On, link.ModeFor(NotificationKind.Predictions));
        Assert.Equal(NotificationMode.Silent, link.ModeFor(NotificationKind.DailySummary)); // the default, not stored
    }

    [Fact]
    public void ChatState_StoredWithTheOldEquityReadings_StillReads()
    {
        var stored = """{"lastId":4,"pending":[],"marks":[{"account":"acme/main","at":"2026-12-03T10:00:00+00:00","equity":100012.34}]}""";

        var chat = Json.Deserialize<TelegramChatState>(BinaryData.FromString(stored))!;

        Assert.Equal((4L, 0), (chat.LastId, chat.Pending.Count));
    }

    [Fact]
    public void ChatAndOutbox_KeepPendingActionsAndQueuedMessages()
    {
        var chat = RoundTrip(new TelegramChatState
        {
            LastId = 7,
            Pending = [new PendingRecord { Id = "7", Action = new PendingAction("buy", "acme/main", "bob", "EURUSD", 0.25m), ExpiresAt = T0 }],
        });
        var outbox = RoundTrip(new TelegramOutboxState { LastSequence = 3, Queue = [new QueuedMessage(3, new OutboxMessage(42, NotificationKind.Fills, "✅ Filled", true), T0)] });

        Assert.Equal(new PendingAction("buy", "acme/main", "bob", "EURUSD", 0.25m), chat.Pending[0].Action);
        Assert.Equal(new OutboxMessage(42, NotificationKind.Fills, "✅ Filled", true), outbox.Queue[0].Message);
        Assert.Equal((3L, 7L), (outbox.LastSequence, chat.LastId));
    }
}
