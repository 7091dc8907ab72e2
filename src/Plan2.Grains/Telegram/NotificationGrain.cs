using Plan2.Abstractions.Telegram;
using Plan2.Abstractions.Trading;

namespace Plan2.Grains.Telegram;

/// <summary>
/// A tenant's notifications: picks the kind of an order change, finds which of the tenant's chats want it and how,
/// and queues one message each in the durable outbox. The tenant's links are kept here between notices: asking the
/// directory (one grain for the whole cluster) on every fill made every fill of every tenant a call to that one
/// grain. The directory tells this grain when one of the tenant's links changes; a minute's age is the bound
/// should that one-way word be lost with a silo.
/// </summary>
public sealed class NotificationGrain(TimeProvider clock) : Grain, INotificationGrain
{
    private static readonly TimeSpan LinksMaxAge = TimeSpan.FromMinutes(1);

    private IReadOnlyList<TelegramLink>? _links;
    private DateTimeOffset _linksReadAt;
    private int _linksVersion; // moved on by every change the directory reports, so a read begun before it is not kept

    async Task INotificationGrain.OnOrderAsync(OrderView order)
    {
        if (OrderNotices.KindOf(order) is { } kind)
            await NotifyAsync(kind, OrderNotices.Describe(order));
    }

    Task<int> INotificationGrain.NotifyAsync(NotificationKind kind, string text) => NotifyAsync(kind, text);

    Task INotificationGrain.LinksChangedAsync()
    {
        (_links, _linksVersion) = (null, _linksVersion + 1);
        return Task.CompletedTask;
    }

    private async Task<int> NotifyAsync(NotificationKind kind, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var messages = (await LinksAsync())
            .Select(l => (l.ChatId, Mode: l.ModeFor(kind)))
            .Where(l => l.Mode != NotificationMode.Off)
            .Select(l => new OutboxMessage(l.ChatId, kind, text, Silent: l.Mode == NotificationMode.Silent, Tenant: this.GetPrimaryKeyString()))
            .ToList();
        if (messages.Count == 0)
            return 0; // no chat wants it: no call to the outbox (every fill of a tenant without Telegram comes here)
        await GrainFactory.Reference<ITelegramOutboxGrain>(ITelegramOutboxGrain.Key).EnqueueAsync(messages);
        return messages.Count;
    }

    private async Task<IReadOnlyList<TelegramLink>> LinksAsync()
    {
        var now = clock.GetUtcNow();
        if (_links is { } kept && now - _linksReadAt < LinksMaxAge)
            return kept;
        var version = _linksVersion;
        var links = await GrainFactory.Reference<ITelegramDirectoryGrain>(ITelegramDirectoryGrain.Key).LinksAsync(this.GetPrimaryKeyString());
        if (version == _linksVersion)
            (_links, _linksReadAt) = (links, now);
        return links;
    }
}
