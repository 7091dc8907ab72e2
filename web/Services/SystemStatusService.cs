using Plan2.Abstractions.Telegram;
using Plan2.Telegram;

namespace Plan2.Web.Services;

/// <summary>
/// The system page's view beyond the cluster: the Telegram bot (its heartbeat from wherever it runs, else this
/// process's own status, which says why it is off), the chats linked in the user's tenant, and the outbox backlog.
/// </summary>
public sealed class SystemStatusService(IGrainFactory grains, TelegramBotStatus local, DashboardUser user, TimeProvider clock)
{
    /// <summary>A heartbeat older than this means no bot is running (it reports every 10 s).</summary>
    public static readonly TimeSpan Stale = TimeSpan.FromMinutes(1);

    public async Task<BotStatusView> GetBotAsync()
    {
        var presence = grains.GetGrain<ITelegramBotPresenceGrain>(ITelegramBotPresenceGrain.Key).GetAsync();
        var links = grains.GetGrain<ITelegramDirectoryGrain>(ITelegramDirectoryGrain.Key).LinksAsync(user.TenantId);
        var backlog = grains.GetGrain<ITelegramOutboxGrain>(ITelegramOutboxGrain.Key).CountForAsync(user.TenantId);
        await Task.WhenAll(presence, links, backlog);
        var now = clock.GetUtcNow();
        return presence.Result is { } report && now - report.ReportedAt < Stale
            ? new BotStatusView(report.State, report.Detail, report.BotUserName, report.Host, report.LastPollAt, links.Result.Count, backlog.Result)
            : new BotStatusView(local.State, local.State == "off" ? local.Detail : $"{local.Detail} (no heartbeat in the cluster)", local.BotUserName,
                "this web process", local.LastUpdateAt, links.Result.Count, backlog.Result);
    }
}

/// <summary>The bot as the system page shows it: on or off and why, as which bot, where, its last poll, linked chats, waiting messages.</summary>
public sealed record BotStatusView(string State, string Detail, string? BotUserName, string Host, DateTimeOffset? LastPollAt, int LinkedChats, int OutboxBacklog)
{
    public bool IsOn => State is "running" or "starting";
}
