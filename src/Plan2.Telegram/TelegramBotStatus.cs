namespace Plan2.Telegram;

/// <summary>What the bot is doing, for the dashboard's system page and the log: off, starting, running as @name, or failing.</summary>
public sealed class TelegramBotStatus
{
    private volatile string _state = "off";
    private volatile string _detail = "Telegram bot is off: set Telegram__BotToken to start it.";

    public string State => _state;
    public string Detail => _detail;
    public string? BotUserName { get; private set; }
    public DateTimeOffset? LastUpdateAt { get; private set; }

    internal void Starting() => Set("starting", "Connecting to the Bot API.");
    internal void Running(string userName) { BotUserName = userName; Set("running", $"Running as @{userName}."); }
    internal void Failing(string why) => Set("failing", why);
    internal void Polled(DateTimeOffset at) => LastUpdateAt = at;

    private void Set(string state, string detail) { _state = state; _detail = detail; }
}
