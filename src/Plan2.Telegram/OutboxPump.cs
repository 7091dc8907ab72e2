using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Plan2.Abstractions.Telegram;
using Plan2.Core.Messaging;
using Telegram.Bot.Exceptions;

namespace Plan2.Telegram;

/// <summary>
/// Delivers the durable outbox: takes the oldest waiting notifications, lets the planner group and pace
/// them per chat, sends each (silent ones without sound), and acknowledges only what Telegram took.
/// When Telegram is unreachable nothing is acknowledged and the messages wait in grain state.
/// </summary>
public sealed class OutboxPump(IGrainFactory grains, BotSender sender, TelegramOptions options, TimeProvider clock, ILogger<OutboxPump> logger) : BackgroundService
{
    private const int Batch = 200;
    private readonly string _deliverer = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():n}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var planner = new DeliveryPlanner(options.ChatInterval);
        var outbox = grains.GetGrain<ITelegramOutboxGrain>(ITelegramOutboxGrain.Key);
        while (!stoppingToken.IsCancellationRequested)
        {
            var pause = options.OutboxPollInterval;
            try
            {
                var waiting = await outbox.PeekAsync(Batch, _deliverer);
                var sends = planner.Plan(waiting.Select(q => new PendingDelivery(q.Sequence, q.Message.ChatId, q.Message.Text, q.Message.Silent)), clock.GetUtcNow());
                foreach (var send in sends)
                {
                    try
                    {
                        await sender.SendTextAsync(send.ChatId, send.Text, silent: send.Silent, ct: stoppingToken);
                    }
                    catch (ApiRequestException e) when (e.ErrorCode is 400 or 403)
                    {
                        // The chat is gone or blocked the bot: retrying cannot help, so the messages are dropped.
                        logger.LogWarning("Telegram refused notifications for chat {Chat}: {Error}; dropped.", send.ChatId, e.Message);
                    }
                    await outbox.AckAsync(send.Sequences);
                    planner.Sent(send.ChatId, clock.GetUtcNow());
                }
                if (sends.Count > 0)
                    pause = TimeSpan.FromMilliseconds(50);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Telegram outbox delivery failed: {Error}; the messages wait.", e.Message);
                pause = options.ErrorBackoff;
            }
            await Task.Delay(pause, clock, stoppingToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await grains.GetGrain<ITelegramOutboxGrain>(ITelegramOutboxGrain.Key).ReleaseAsync(_deliverer);
        }
        catch (Exception e)
        {
            logger.LogInformation("Telegram outbox lease not released ({Error}); it lapses by itself.", e.Message);
        }
    }
}
