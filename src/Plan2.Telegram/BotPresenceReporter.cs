using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Plan2.Abstractions.Telegram;

namespace Plan2.Telegram;

/// <summary>Every <see cref="Every"/>, tells the cluster how this bot is (the system page reads it wherever the bot runs).</summary>
public sealed class BotPresenceReporter(IGrainFactory grains, TelegramBotStatus status, TimeProvider clock, ILogger<BotPresenceReporter> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(10);
    private readonly string _host = $"{Environment.MachineName}:{Environment.ProcessId}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var presence = grains.GetGrain<ITelegramBotPresenceGrain>(ITelegramBotPresenceGrain.Key);
        using var timer = new PeriodicTimer(Every, clock);
        do
        {
            try
            {
                await presence.ReportAsync(new TelegramBotReport(status.State, status.Detail, status.BotUserName, _host, clock.GetUtcNow(), status.LastUpdateAt));
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogDebug("Bot presence not reported: {Error}", e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
