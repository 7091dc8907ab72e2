namespace Plan2.Abstractions.Telegram;

/// <summary>
/// Notifications waiting to reach Telegram (one well-known grain, key <see cref="Key"/>), kept in grain
/// state so nothing is lost while the bot or Telegram is unreachable. The bot takes, sends, then acknowledges.
/// </summary>
[Alias("plan2.ITelegramOutboxGrain")]
public interface ITelegramOutboxGrain : IGrainWithStringKey
{
    public const string Key = "telegram";

    /// <summary>Queues messages durably (written before this returns).</summary>
    [Alias("Enqueue")] Task EnqueueAsync(IReadOnlyList<OutboxMessage> messages);

    /// <summary>
    /// The oldest waiting messages, up to max, taken in turn from each tenant (a tenant's backlog never keeps
    /// another's messages out of the batch), without removing them, for one deliverer at a time: a
    /// deliverer holds a lease renewed by each peek, and another gets nothing until it lapses, so two
    /// bot processes never send the same message twice.
    /// </summary>
    [Alias("Peek")] Task<IReadOnlyList<QueuedMessage>> PeekAsync(int max, string deliverer);

    /// <summary>The deliverer stops (a bot shutting down): another may deliver at once instead of after the lease.</summary>
    [Alias("Release")] Task ReleaseAsync(string deliverer);

    /// <summary>Removes delivered messages by their sequence numbers.</summary>
    [Alias("Ack")] Task AckAsync(IReadOnlyList<long> sequences);

    /// <summary>Messages waiting, of every tenant (the platform's backlog).</summary>
    [Alias("Count"), ReadOnly] Task<int> CountAsync();

    /// <summary>Messages waiting for the chats of one tenant: what that tenant is shown and alerted on.</summary>
    [Alias("CountFor"), ReadOnly] Task<int> CountForAsync(string tenant);
}

/// <summary>One notification for one chat of a tenant; Silent sends it without sound.</summary>
[GenerateSerializer, Immutable, Alias("plan2.outbox-message")]
public sealed record OutboxMessage(
    [property: Id(0)] long ChatId,
    [property: Id(1)] NotificationKind Kind,
    [property: Id(2)] string Text,
    [property: Id(3)] bool Silent,
    [property: Id(4)] string Tenant = "");

[GenerateSerializer, Immutable, Alias("plan2.queued-message")]
public sealed record QueuedMessage([property: Id(0)] long Sequence, [property: Id(1)] OutboxMessage Message, [property: Id(2)] DateTimeOffset QueuedAt);
