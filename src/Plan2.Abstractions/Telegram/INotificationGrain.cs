using Plan2.Abstractions.Trading;

namespace Plan2.Abstractions.Telegram;

/// <summary>
/// A tenant's notifications (key: the tenant id): turns order changes and platform events into
/// messages for every linked chat of the tenant that wants that kind, each on, silent or off as its user set.
/// </summary>
[Alias("plan2.INotificationGrain")]
public interface INotificationGrain : IGrainWithStringKey
{
    /// <summary>An order of one of the tenant's accounts changed: fills, rejections and risk denials are told.</summary>
    [Alias("OnOrder"), OneWay] Task OnOrderAsync(OrderView order);

    /// <summary>Tells the tenant's chats that want this kind; returns how many messages were queued.</summary>
    [Alias("Notify")] Task<int> NotifyAsync(NotificationKind kind, string text);

    /// <summary>The directory changed one of the tenant's links (linked, unlinked, a setting): the next notice reads them again.</summary>
    [Alias("LinksChanged"), OneWay] Task LinksChangedAsync();
}
