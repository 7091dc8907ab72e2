namespace Plan2.Abstractions.Telegram;

/// <summary>
/// Where a running bot says how it is (one well-known grain, key <see cref="Key"/>), so that the dashboard's
/// system page shows the bot whether it runs in the web process or as its own service. Heartbeats, not state:
/// a report older than a minute means no bot is running.
/// </summary>
[Alias("plan2.ITelegramBotPresenceGrain")]
public interface ITelegramBotPresenceGrain : IGrainWithStringKey
{
    public const string Key = "bot";

    [Alias("Report"), OneWay] Task ReportAsync(TelegramBotReport report);

    [Alias("Get"), ReadOnly] Task<TelegramBotReport?> GetAsync();
}

/// <summary>One bot's heartbeat: its state (starting, running, failing), in words, as @BotUserName, from which host.</summary>
[GenerateSerializer, Immutable, Alias("plan2.telegram-bot-report")]
public sealed record TelegramBotReport(
    [property: Id(0)] string State,
    [property: Id(1)] string Detail,
    [property: Id(2)] string? BotUserName,
    [property: Id(3)] string Host,
    [property: Id(4)] DateTimeOffset ReportedAt,
    [property: Id(5)] DateTimeOffset? LastPollAt);
