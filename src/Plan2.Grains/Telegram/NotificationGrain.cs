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

    async Task INotificationGrain.OnOrderAsync(OrderView order)
    {
        if (OrderNotices.KindOf(order) is { } kind)
            await NotifyAsync(kind, OrderNotices.Describe(order));
    }

    Task<int> INotificationGrain.NotifyAsync(NotificationKind kind, string text) => NotifyAsync(kind, text);

    // Not reentrant: a change reported while a notice reads the links waits for it, then drops what it read.
    Task INotificationGrain.LinksChangedAsync()
    {
        _links = null;
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
        _links = await GrainFactory.Reference<ITelegramDirectoryGrain>(ITelegramDirectoryGrain.Key).LinksAsync(this.GetPrimaryKeyString());
        _linksReadAt = now;
        return _links;
    }
}
