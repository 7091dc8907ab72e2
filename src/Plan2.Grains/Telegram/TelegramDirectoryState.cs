using System.Text.Json.Serialization;
using Plan2.Abstractions.Telegram;
using Plan2.Abstractions.Tenancy;

namespace Plan2.Grains.Telegram;

/// <summary>The stored directory: field names fixed by [JsonPropertyName] and [Id], never by CLR names.</summary>
[GenerateSerializer, Alias("plan2.telegram-directory-state.v1")]
public sealed class TelegramDirectoryState
{
    [Id(0), JsonPropertyName("codes")] public List<TelegramCodeRecord> Codes { get; set; } = [];
    [Id(1), JsonPropertyName("links")] public List<TelegramLinkRecord> Links { get; set; } = [];
}

[GenerateSerializer, Alias("plan2.telegram-code-record.v1")]
public sealed class TelegramCodeRecord
{
    [Id(0), JsonPropertyName("code")] public string Code { get; set; } = "";
    [Id(1), JsonPropertyName("tenant")] public string Tenant { get; set; } = "";
    [Id(2), JsonPropertyName("user")] public string User { get; set; } = "";
    [Id(3), JsonPropertyName("role")] public UserRole Role { get; set; }
    [Id(4), JsonPropertyName("expiresAt")] public DateTimeOffset ExpiresAt { get; set; }
}

[GenerateSerializer, Alias("plan2.telegram-link-record.v1")]
public sealed class TelegramLinkRecord
{
    [Id(0), JsonPropertyName("chatId")] public long ChatId { get; set; }
    [Id(1), JsonPropertyName("tenant")] public string Tenant { get; set; } = "";
    [Id(2), JsonPropertyName("user")] public string User { get; set; } = "";
    [Id(3), JsonPropertyName("role")] public UserRole Role { get; set; }
    [Id(4), JsonPropertyName("linkedAt")] public DateTimeOffset LinkedAt { get; set; }
    [Id(5), JsonPropertyName("notifications")] public Dictionary<NotificationKind, NotificationMode> Notifications { get; set; } = [];
    [Id(6), JsonPropertyName("confidenceThreshold")] public double ConfidenceThreshold { get; set; } = NotificationDefaults.ConfidenceThreshold;

    public TelegramLink ToView() => new(ChatId, Tenant, User, Role, LinkedAt, new Dictionary<NotificationKind, NotificationMode>(Notifications), ConfidenceThreshold);
}
