using Plan2.Abstractions.Telegram;

namespace Plan2.Telegram.Commands;

/// <summary>Who is asking: the chat, its binding (tenant, user, role) and the account they trade.</summary>
public sealed record ChatContext(long ChatId, TelegramLink Link, string AccountId, IGrainFactory Grains)
{
    /// <summary>The account grain's key, "TENANT/ACCOUNT".</summary>
    public string AccountKey => $"{Link.Tenant}/{AccountId}";

    public string OrderKey(string clientOrderId) => $"{Link.Tenant}/{AccountId}.{clientOrderId}";
}
