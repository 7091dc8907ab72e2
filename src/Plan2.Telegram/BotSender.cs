using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace Plan2.Telegram;

/// <summary>
/// Every call that sends to Telegram goes through here, so each obeys a 429's retry_after: wait as
/// told, then try again (a few times); other failures go to the caller.
/// </summary>
public sealed class BotSender(ITelegramBotClient bot, TimeProvider clock, ILogger<BotSender> logger)
{
    private const int Attempts = 4;
    public const int MaxText = 4096;   // Telegram's limit for a message
    public const int MaxCaption = 1024; // and for a picture's caption

    public Task<Message> SendTextAsync(long chatId, string text, InlineKeyboardMarkup? keyboard = null, bool silent = false, CancellationToken ct = default) =>
        WithRetryAsync(() => bot.SendMessage(chatId, Fit(text, MaxText), replyMarkup: keyboard, disableNotification: silent, cancellationToken: ct), ct);

    public Task<Message> SendPhotoAsync(long chatId, byte[] png, string caption, InlineKeyboardMarkup? keyboard = null, CancellationToken ct = default) =>
        WithRetryAsync(() => bot.SendPhoto(chatId, InputFile.FromStream(new MemoryStream(png), "chart.png"), caption: Fit(caption, MaxCaption), replyMarkup: keyboard, cancellationToken: ct), ct);

    public Task<Message> EditTextAsync(long chatId, int messageId, string text, InlineKeyboardMarkup? keyboard = null, CancellationToken ct = default) =>
        WithRetryAsync(() => bot.EditMessageText(chatId, messageId, Fit(text, MaxText), replyMarkup: keyboard, cancellationToken: ct), ct);

    public Task AnswerCallbackAsync(string callbackId, string? text, CancellationToken ct = default) =>
        WithRetryAsync(async () => { await bot.AnswerCallbackQuery(callbackId, text, cancellationToken: ct); return true; }, ct);

    public Task SetCommandsAsync(IEnumerable<BotCommand> commands, BotCommandScope scope, CancellationToken ct = default) =>
        WithRetryAsync(async () => { await bot.SetMyCommands(commands, scope, cancellationToken: ct); return true; }, ct);

    /// <summary>Cuts a long answer (a long order list) to what Telegram accepts, saying that it was cut.</summary>
    public static string Fit(string text, int max) => text.Length <= max ? text : text[..(max - 2)] + "\n…";

    private async Task<T> WithRetryAsync<T>(Func<Task<T>> call, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (ApiRequestException e) when (e.ErrorCode == 429 && attempt < Attempts)
            {
                var wait = TimeSpan.FromSeconds(Math.Max(1, e.Parameters?.RetryAfter ?? 1));
                logger.LogWarning("Telegram says too many requests: waiting {Seconds} s as told (retry_after).", wait.TotalSeconds);
                await Task.Delay(wait, clock, ct);
            }
        }
    }
}
