namespace Plan2.Telegram;

/// <summary>
/// The bot's configuration, section "Telegram" (environment: Telegram__BotToken, Telegram__ApiBaseUrl, …).
/// No token: the bot stays off.
/// </summary>
public sealed class TelegramOptions
{
    public const string Section = "Telegram";

    /// <summary>The token BotFather gives; null or empty keeps the bot off.</summary>
    public string? BotToken { get; set; }

    /// <summary>A self-hosted Bot API server (or a test's stand-in) instead of api.telegram.org.</summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>The trading account a linked user trades and reads in their tenant.</summary>
    public string AccountId { get; set; } = "main";

    /// <summary>How long a /buy, /sell, /close or /killswitch confirmation stays valid.</summary>
    public TimeSpan ConfirmationLifetime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>getUpdates long-poll timeout.</summary>
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>At most one notification message per chat this often; what queues meanwhile is sent as one.</summary>
    public TimeSpan ChatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the outbox is looked at when it was empty.</summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Wait after a failed call to Telegram (unreachable, 5xx) before trying again.</summary>
    public TimeSpan ErrorBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>When (UTC time of day) the daily summary goes to the chats that want it.</summary>
    public TimeSpan DailySummaryAt { get; set; } = TimeSpan.FromHours(21);

    /// <summary>Symbols /strategies looks for strategies on.</summary>
    public string[] Symbols { get; set; } = ["EURUSD", "GBPUSD", "AUDUSD", "NZDUSD", "USDCHF", "USDCAD", "EURGBP", "USDJPY", "EURJPY"];

    public bool Enabled => !string.IsNullOrWhiteSpace(BotToken);
}
