using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Plan2.Abstractions.Telegram;
using Plan2.Abstractions.Tenancy;
using Plan2.Core.Messaging;
using Plan2.Telegram.Commands;
using Telegram.Bot.Types;

namespace Plan2.Telegram;

/// <summary>
/// Turns one Telegram update into one answer. Linking first: /start CODE binds a chat; any other
/// message from an unlinked chat gets the one polite refusal. Then the role the command needs, then
/// its handler; bad arguments come back as the reason and the command's usage.
/// </summary>
public sealed class UpdateRouter(CommandTable commands, BotSender sender, IGrainFactory grains, TelegramOptions options, ILogger<UpdateRouter> logger)
{
    public const string Unlinked =
        "Hello! This chat is not linked to a Plan2 account, so I cannot help here yet. " +
        "Get a one-time code on the dashboard (or from POST /api/me/telegram-link) and send /start CODE.";

    private ITelegramDirectoryGrain Directory => grains.GetGrain<ITelegramDirectoryGrain>(ITelegramDirectoryGrain.Key);

    /// <summary>The RequestContext key the silo's tenant check reads (identity's Plan2RequestContext.Tenant).</summary>
    public const string TenantContextKey = Plan2.Abstractions.Identity.Plan2RequestContext.Tenant;

    public async Task HandleAsync(Update update, CancellationToken ct)
    {
        try
        {
            if (update.Message is { Text: { } text } message)
                await OnMessageAsync(message.Chat.Id, text, ct);
            else if (update.CallbackQuery is { Data: { } data, Message: { } origin } query)
                await OnButtonAsync(query.Id, origin.Chat.Id, origin.Id, data, ct);
        }
        finally
        {
            RequestContext.Remove(TenantContextKey);
        }
    }

    private async Task OnMessageAsync(long chatId, string text, CancellationToken ct)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var command = words.Length > 0 && words[0].StartsWith('/') ? words[0][1..].Split('@')[0].ToLowerInvariant() : null;
        var args = words.Skip(1).ToList();
        if (command == "start" && args.Count > 0)
        {
            await sender.SendTextAsync(chatId, await LinkAsync(chatId, args[0], ct), ct: ct);
            return;
        }
        var link = await LinkAsync(chatId);
        if (link is null)
        {
            await sender.SendTextAsync(chatId, Unlinked, ct: ct);
            return;
        }
        if (command is null or "start")
        {
            await sender.SendTextAsync(chatId, $"You are {link.User} of {link.Tenant} ({Role(link.Role)}). Send /help for the commands.", ct: ct);
            return;
        }
        var spec = commands.Find(command);
        var reply = spec is null
            ? new Reply($"I do not know /{command}. Send /help for the commands.")
            : await RunAsync(spec, Context(chatId, link), args);
        if (reply.Photo is { } png)
            await sender.SendPhotoAsync(chatId, png, reply.Text, reply.Keyboard, ct);
        else
            await sender.SendTextAsync(chatId, reply.Text, reply.Keyboard, ct: ct);
    }

    private async Task<string> LinkAsync(long chatId, string code, CancellationToken ct)
    {
        var result = await Directory.RedeemAsync(code, chatId);
        if (result.Link is not { } link)
            return result.Refusal switch
            {
                "expired" => "That code has expired. Get a new one on the dashboard and send /start CODE again.",
                "used" => "That code was already used; each code works once. Get a new one on the dashboard.",
                _ => "I do not know that code. Check it, or get a new one on the dashboard.",
            };
        await sender.SetCommandsAsync(commands.MenuFor(link.Role), new BotCommandScopeChat { ChatId = chatId }, ct);
        logger.LogInformation("Telegram chat {Chat} linked to {User} of {Tenant} as {Role}.", chatId, link.User, link.Tenant, link.Role);
        return $"Linked: this chat now belongs to {link.User} of {link.Tenant} ({Role(link.Role)}). Send /help for the commands.";
    }

    private async Task OnButtonAsync(string queryId, long chatId, int messageId, string data, CancellationToken ct)
    {
        var link = await LinkAsync(chatId);
        if (link is null)
        {
            await sender.AnswerCallbackAsync(queryId, "This chat is not linked.", ct);
            return;
        }
        var c = Context(chatId, link);
        if (data.StartsWith(CallbackData.Confirm, StringComparison.Ordinal) || data.StartsWith(CallbackData.Cancel, StringComparison.Ordinal))
        {
            await ConfirmAsync(c, queryId, messageId, data, ct);
            return;
        }
        Reply reply;
        if (data.StartsWith(CallbackData.Notify, StringComparison.Ordinal))
            reply = await RunAsync(null, () => commands.Settings.OnButtonAsync(c, data[CallbackData.Notify.Length..]));
        else if (data.StartsWith(CallbackData.Refresh, StringComparison.Ordinal)
                 && data[CallbackData.Refresh.Length..].Split(' ') is [var name, .. var rest] && commands.Find(name) is { } spec)
            reply = await RunAsync(spec, c, rest);
        else
            reply = new Reply("That button is out of date.");
        await sender.EditTextAsync(chatId, messageId, reply.Text, reply.Keyboard, ct);
        await sender.AnswerCallbackAsync(queryId, "Updated", ct);
    }

    private async Task ConfirmAsync(ChatContext c, string queryId, int messageId, string data, CancellationToken ct)
    {
        var id = data[CallbackData.Confirm.Length..];
        var chat = grains.GetGrain<ITelegramChatGrain>(c.ChatId);
        string outcome;
        if (data.StartsWith(CallbackData.Cancel, StringComparison.Ordinal))
            outcome = await chat.CancelAsync(id) ? "Cancelled: nothing was sent." : "Nothing to cancel: the offer had already ended.";
        else
        {
            var taken = await chat.TakeAsync(id);
            if (taken.Action is not { } action)
                outcome = ConfirmRefusal(taken.Refusal);
            else if (commands.Find(action.Kind == "killswitch" ? "killswitch" : "buy") is { } spec && c.Link.Role < spec.MinRole)
                outcome = Refusal(spec, c.Link.Role); // the role may have changed since the offer
            else
                outcome = await commands.Trade.ExecuteAsync(c, id, action);
        }
        await sender.EditTextAsync(c.ChatId, messageId, outcome, null, ct);
        await sender.AnswerCallbackAsync(queryId, outcome.Length > 190 ? outcome[..190] : outcome, ct);
    }

    /// <summary>Why a confirmation did nothing: expired (ask again) is not already done (look at the orders), nor cancelled.</summary>
    internal static string ConfirmRefusal(string? refusal) => refusal switch
    {
        OfferRefusals.Expired => "⌛ This offer expired: nothing was sent. Ask again if you still want it.",
        OfferRefusals.Used => "Already done: this confirmation was used once and is not sent again. /orders shows what was sent.",
        OfferRefusals.Cancelled => "This offer was cancelled: nothing was sent.",
        _ => "I do not know this offer (too old, or from before a reset): nothing was sent. Ask again if you still want it.",
    };

    private Task<Reply> RunAsync(CommandSpec spec, ChatContext c, IReadOnlyList<string> args) =>
        c.Link.Role < spec.MinRole ? Task.FromResult(new Reply(Refusal(spec, c.Link.Role))) : RunAsync(spec, () => spec.Handler(c, args));

    private async Task<Reply> RunAsync(CommandSpec? spec, Func<Task<Reply>> handler)
    {
        try
        {
            return await handler();
        }
        catch (CommandArgumentException e)
        {
            return new Reply($"⚠️ {e.Message}{(spec is null ? "" : $"\nUsage: {spec.Usage}")}");
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return new Reply($"⚠️ {e.Message}");
        }
        catch (Exception e)
        {
            logger.LogError(e, "Telegram command {Command} failed.", spec?.Name);
            return new Reply("Something went wrong on our side; it is logged. Try again in a moment.");
        }
    }

    /// <summary>
    /// The chat's binding, its role capped by the one its user has in the tenant now: a demotion after
    /// linking takes effect on the next message; a chat linked as viewer stays one. A user the tenant
    /// does not list keeps the role they linked with (identity may keep users the tenant grain does not).
    /// </summary>
    private async Task<TelegramLink?> LinkAsync(long chatId)
    {
        if (await Directory.GetLinkAsync(chatId) is not { } link)
            return null;
        IReadOnlyList<TenantUser> users;
        try
        {
            users = await grains.GetGrain<ITenantGrain>(link.Tenant).ListUsersAsync();
        }
        catch (InvalidOperationException)
        {
            return null; // the tenant is gone: the chat speaks for no one
        }
        return users.FirstOrDefault(u => u.UserName == link.User) is { } user && user.Role < link.Role ? link with { Role = user.Role } : link;
    }

    private ChatContext Context(long chatId, TelegramLink link)
    {
        // The grain calls that follow carry the chat's tenant, as the REST API's do, so the silo's tenant
        // check confines a chat to its own tenant's grains. Set per update: the router runs one update at a time.
        RequestContext.Set(TenantContextKey, link.Tenant);
        return new ChatContext(chatId, link, options.AccountId, grains);
    }

    private static string Refusal(CommandSpec spec, UserRole role) =>
        $"Sorry, /{spec.Name} needs the {Role(spec.MinRole)} role and you are a {Role(role)}.";

    private static string Role(UserRole role) => role.ToString().ToLowerInvariant();
}
