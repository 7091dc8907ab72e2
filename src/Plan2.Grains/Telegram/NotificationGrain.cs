using Orleans.Concurrency;
using Plan2.Abstractions.Telegram;
using Plan2.Abstractions.Trading;

namespace Plan2.Grains.Telegram;

/// <summary>
/// A tenant's notifications: picks the kind of an order change, asks the directory which of the
/// tenant's chats want it and how, and queues one message each in the durable outbox. Stateless
/// worker: tenants notify in parallel and nothing here needs to be remembered.
/// </summary>
[StatelessWorker]
public sealed class NotificationGrain : Grain, INotificationGrain
{
    async Task INotificationGrain.OnOrderAsync(OrderView order)
    {
        if (OrderNotices.KindOf(order) is { } kind)
            await NotifyAsync(kind, OrderNotices.Describe(order));
    }

    Task<int> INotificationGrain.NotifyAsync(NotificationKind kind, string text) => NotifyAsync(kind, text);

    private async Task<int> NotifyAsync(NotificationKind kind, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var links = await GrainFactory.Reference<ITelegramDirectoryGrain>(ITelegramDirectoryGrain.Key).LinksAsync(this.GetPrimaryKeyString());
        var messages = links
            .Select(l => (l.ChatId, Mode: l.ModeFor(kind)))
            .Where(l => l.Mode != NotificationMode.Off)
            .Select(l => new OutboxMessage(l.ChatId, kind, text, Silent: l.Mode == NotificationMode.Silent, Tenant: this.GetPrimaryKeyString()))
            .ToList();
        if (messages.Count == 0)
            return 0; // no chat wants it: no call to the outbox (every fill of a tenant without Telegram comes here)
        await GrainFactory.Reference<ITelegramOutboxGrain>(ITelegramOutboxGrain.Key).EnqueueAsync(messages);
        return messages.Count;
    }
}
