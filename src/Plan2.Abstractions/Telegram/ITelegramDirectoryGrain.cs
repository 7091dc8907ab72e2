using Plan2.Abstractions.Tenancy;

namespace Plan2.Abstractions.Telegram;

/// <summary>
/// Who is behind each Telegram chat (one well-known grain, key <see cref="Key"/>): one-time link codes
/// waiting to be redeemed, and every linked chat with its user, tenant, role and notification settings.
/// </summary>
[Alias("plan2.ITelegramDirectoryGrain")]
public interface ITelegramDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "telegram";

    /// <summary>A one-time code the user sends as "/start CODE" to bind a chat to this tenant, user and role; it expires.</summary>
    [Alias("IssueCode")] Task<TelegramLinkCode> IssueCodeAsync(string tenant, string user, UserRole role);

    /// <summary>Binds the chat to the code's user (replacing any earlier binding of the chat); a used, expired or unknown code binds nothing.</summary>
    [Alias("Redeem")] Task<TelegramLinkResult> RedeemAsync(string code, long chatId);

    /// <summary>The chat's binding, or null for a chat nobody linked.</summary>
    [Alias("GetLink"), ReadOnly] Task<TelegramLink?> GetLinkAsync(long chatId);

    /// <summary>Linked chats of one tenant, or of every tenant when tenant is null.</summary>
    [Alias("Links"), ReadOnly] Task<IReadOnlyList<TelegramLink>> LinksAsync(string? tenant);

    /// <summary>Sets how the chat receives one kind of notification; returns the chat's binding as it now is.</summary>
    [Alias("SetNotification")] Task<TelegramLink> SetNotificationAsync(long chatId, NotificationKind kind, NotificationMode mode);

    /// <summary>Sets the confidence (0-1) a prediction must exceed to count as strong for this chat.</summary>
    [Alias("SetThreshold")] Task<TelegramLink> SetConfidenceThresholdAsync(long chatId, double threshold);

    /// <summary>Forgets the chat's binding (the user unlinked, or left the tenant).</summary>
    [Alias("Unlink")] Task UnlinkAsync(long chatId);
}
