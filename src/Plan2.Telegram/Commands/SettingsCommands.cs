using System.Globalization;
using System.Text;
using Plan2.Abstractions.Telegram;
using Plan2.Abstractions.Tenancy;
using Telegram.Bot.Types.ReplyMarkups;

namespace Plan2.Telegram.Commands;

/// <summary>
/// /settings: each notification kind on, silent or off, and the confidence above which a prediction is
/// told. Buttons change one kind and redraw the message in place; "/settings fills silent" and
/// "/settings threshold 0.8" do the same in words.
/// </summary>
public sealed class SettingsCommands
{
    private static readonly Dictionary<string, NotificationKind> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fills"] = NotificationKind.Fills, ["rejections"] = NotificationKind.Rejections, ["risk"] = NotificationKind.RiskAlerts,
        ["predictions"] = NotificationKind.Predictions, ["summary"] = NotificationKind.DailySummary, ["errors"] = NotificationKind.PlatformErrors,
    };

    public async Task<Reply> SettingsAsync(ChatContext c, IReadOnlyList<string> args)
    {
        if (args.Count == 0)
            return Show(c.Link);
        Args.NoMoreThan(args, 2);
        var directory = Directory(c);
        if (args[0].Equals("threshold", StringComparison.OrdinalIgnoreCase))
        {
            if (args.Count < 2 || !double.TryParse(args[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var t) || t is < 0 or > 1)
                throw new CommandArgumentException("Give the confidence threshold as a number from 0 to 1, e.g. 0.75.");
            return Show(await directory.SetConfidenceThresholdAsync(c.ChatId, t));
        }
        if (!Names.TryGetValue(args[0], out var kind) || (kind == NotificationKind.PlatformErrors && !c.Link.IsPlatformAdmin))
            throw new CommandArgumentException($"'{args[0]}' is not a notification kind: use {string.Join(", ", KindsFor(c.Link).Select(NameOf))}.");
        if (args.Count < 2 || !Enum.TryParse<NotificationMode>(args[1], ignoreCase: true, out var mode) || !Enum.IsDefined(mode))
            throw new CommandArgumentException("Say on, silent or off.");
        return Show(await directory.SetNotificationAsync(c.ChatId, kind, mode));
    }

    /// <summary>A settings button: "KIND:MODE".</summary>
    public async Task<Reply> OnButtonAsync(ChatContext c, string data)
    {
        if (data.Split(':') is not [var kindText, var modeText]
            || !Enum.TryParse<NotificationKind>(kindText, out var kind) || !Enum.TryParse<NotificationMode>(modeText, out var mode)
            || (kind == NotificationKind.PlatformErrors && !c.Link.IsPlatformAdmin))
            throw new CommandArgumentException("That button is out of date; send /settings again.");
        return Show(await Directory(c).SetNotificationAsync(c.ChatId, kind, mode));
    }

    private static Reply Show(TelegramLink link)
    {
        var text = new StringBuilder("Notifications (on: with sound, silent: without, off: none)\n");
        var rows = new List<InlineKeyboardButton[]>();
        foreach (var kind in KindsFor(link))
        {
            var current = link.ModeFor(kind);
            text.Append(CultureInfo.InvariantCulture, $"{NameOf(kind)}: {current.ToString().ToLowerInvariant()}\n");
            rows.Add([.. new[] { NotificationMode.On, NotificationMode.Silent, NotificationMode.Off }.Select(m =>
                InlineKeyboardButton.WithCallbackData($"{(m == current ? "• " : "")}{NameOf(kind)} {m.ToString().ToLowerInvariant()}", $"{CallbackData.Notify}{kind}:{m}"))]);
        }
        text.Append(CultureInfo.InvariantCulture, $"Predictions are told above confidence {link.ConfidenceThreshold:0.00} (/settings threshold 0.8).");
        return new Reply(text.ToString(), new InlineKeyboardMarkup(rows));
    }

    private static IEnumerable<NotificationKind> KindsFor(TelegramLink link) =>
        Enum.GetValues<NotificationKind>().Where(k => k != NotificationKind.PlatformErrors || link.IsPlatformAdmin);

    private static string NameOf(NotificationKind kind) => Names.First(n => n.Value == kind).Key;

    private static ITelegramDirectoryGrain Directory(ChatContext c) => c.Grains.GetGrain<ITelegramDirectoryGrain>(ITelegramDirectoryGrain.Key);
}
