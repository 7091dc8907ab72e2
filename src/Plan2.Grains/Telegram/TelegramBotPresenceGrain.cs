using Plan2.Abstractions.Telegram;

namespace Plan2.Grains.Telegram;

/// <summary>Keeps the latest bot heartbeat in memory: a lost activation forgets only until the next heartbeat.</summary>
public sealed class TelegramBotPresenceGrain : Grain, ITelegramBotPresenceGrain
{
    private TelegramBotReport? _last;

    public Task ReportAsync(TelegramBotReport report)
    {
        if (_last is null || report.ReportedAt >= _last.ReportedAt)
            _last = report;
        return Task.CompletedTask;
    }

    public Task<TelegramBotReport?> GetAsync() => Task.FromResult(_last);
}
