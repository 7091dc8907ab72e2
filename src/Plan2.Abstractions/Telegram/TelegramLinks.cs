using Plan2.Abstractions.Identity;
using Plan2.Abstractions.Tenancy;

namespace Plan2.Abstractions.Telegram;

/// <summary>A one-time code for "/start CODE" and when it stops working.</summary>
[GenerateSerializer, Immutable, Alias("plan2.telegram-link-code")]
public sealed record TelegramLinkCode([property: Id(0)] string Code, [property: Id(1)] DateTimeOffset ExpiresAt);

/// <summary>A chat bound to one user of one tenant, with the role it acts in and its notification settings.</summary>
[GenerateSerializer, Immutable, Alias("plan2.telegram-link")]
public sealed record TelegramLink(
    [property: Id(0)] long ChatId,
    [property: Id(1)] string Tenant,
    [property: Id(2)] string User,
    [property: Id(3)] UserRole Role,
    [property: Id(4)] DateTimeOffset LinkedAt,
    [property: Id(5)] IReadOnlyDictionary<NotificationKind, NotificationMode> Notifications,
    [property: Id(6)] double ConfidenceThreshold)
{
    /// <summary>An admin of the platform tenant: the only chats that take platform errors, which carry every tenant's.</summary>
    public bool IsPlatformAdmin => Role == UserRole.Admin && Tenant == Plan2Claims.PlatformTenant;

    /// <summary>How this chat takes a kind; platform errors reach platform admins only.</summary>
    public NotificationMode ModeFor(NotificationKind kind) =>
        kind == NotificationKind.PlatformErrors && !IsPlatformAdmin ? NotificationMode.Off
        : Notifications.TryGetValue(kind, out var mode) ? mode : NotificationDefaults.For(kind);
}

/// <summary>Redeeming a code: the new binding, or why there is none ("unknown", "expired", "used").</summary>
[GenerateSerializer, Immutable, Alias("plan2.telegram-link-result")]
public sealed record TelegramLinkResult([property: Id(0)] TelegramLink? Link, [property: Id(1)] string? Refusal = null);

/// <summary>The kinds of notification a user tunes one by one.</summary>
[GenerateSerializer, Alias("plan2.notification-kind")]
public enum NotificationKind : byte
{
    Fills = 1, Rejections = 2, RiskAlerts = 3, Predictions = 4, DailySummary = 5, PlatformErrors = 6,
}

/// <summary>On: with sound. Silent: delivered without sound (Telegram's disable_notification). Off: not sent.</summary>
[GenerateSerializer, Alias("plan2.notification-mode")]
public enum NotificationMode : byte { Off = 0, Silent = 1, On = 2 }

public static class NotificationDefaults
{
    /// <summary>What a newly linked chat gets: trading events with sound, predictions off until asked for, the summary silent.</summary>
    public static NotificationMode For(NotificationKind kind) => kind switch
    {
        NotificationKind.Predictions => NotificationMode.Off,
        NotificationKind.DailySummary => NotificationMode.Silent,
        _ => NotificationMode.On,
    };

    public const double ConfidenceThreshold = 0.7;
}
