using Telegram.Bot.Types.ReplyMarkups;

namespace Plan2.Telegram.Commands;

/// <summary>A command's answer: text (the caption when there is a picture), buttons, and a PNG picture or none.</summary>
public sealed record Reply(string Text, InlineKeyboardMarkup? Keyboard = null, byte[]? Photo = null)
{
    public static InlineKeyboardMarkup Refresh(string command) =>
        new(InlineKeyboardButton.WithCallbackData("🔄 Refresh", CallbackData.Refresh + command));
}

/// <summary>Prefixes of inline-button data (Telegram allows 64 bytes).</summary>
public static class CallbackData
{
    public const string Confirm = "ok:";
    public const string Cancel = "no:";
    public const string Refresh = "rf:";
    public const string Notify = "ns:";
}

/// <summary>Bad arguments to a command: the user sees the message and the command's usage.</summary>
public sealed class CommandArgumentException(string message) : Exception(message);
