using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Plan2.Abstractions.Telegram;
using Plan2.Telegram.Commands;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Plan2.Telegram;

/// <summary>
/// The bot's receiving side: says who it is (getMe), drops any webhook so long polling works, registers
/// the unlinked menu, then long-polls getUpdates and hands each update to the router. An unreachable
/// Bot API is retried after a pause; one failing update never stops the loop.
/// </summary>
public sealed class TelegramBotService(
    ITelegramBotClient bot, IGrainFactory grains, UpdateRouter router, BotSender sender, CommandTable commands, TelegramOptions options,
    TelegramBotStatus status, TimeProvider clock, ILogger<TelegramBotService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        status.Starting();
        await ConnectAsync(stoppingToken);
        var offset = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            Update[] updates;
            try
            {
                updates = await bot.GetUpdates(offset, 100, (int)options.PollTimeout.TotalSeconds, [UpdateType.Message, UpdateType.CallbackQuery], stoppingToken);
                status.Polled(clock.GetUtcNow());
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                status.Failing($"Bot API unreachable: {e.Message}");
                logger.LogWarning("Telegram getUpdates failed: {Error}; retrying in {Seconds} s.", e.Message, options.ErrorBackoff.TotalSeconds);
                await Task.Delay(options.ErrorBackoff, clock, stoppingToken);
                continue;
            }
            foreach (var update in updates)
            {
                offset = update.Id + 1;
                try
                {
                    await router.HandleAsync(update, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(e, "Telegram update {Update} could not be answered.", update.Id);
                }
            }
        }
    }

    private async Task ConnectAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var me = await bot.GetMe(ct);
                await bot.DeleteWebhook(cancellationToken: ct);
                await sender.SetCommandsAsync(commands.MenuFor(null), new BotCommandScopeDefault(), ct);
                await grains.GetGrain<IDailySummaryGrain>(IDailySummaryGrain.Key).ScheduleAsync(options.DailySummaryAt, options.AccountId);
                status.Running(me.Username ?? me.FirstName);
                logger.LogInformation("Telegram bot running as @{Name}.", me.Username);
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                status.Failing($"Bot API unreachable at start: {e.Message}");
                logger.LogWarning("Telegram bot cannot reach the Bot API: {Error}; retrying.", e.Message);
                await Task.Delay(options.ErrorBackoff, clock, ct);
            }
        }
    }
}
