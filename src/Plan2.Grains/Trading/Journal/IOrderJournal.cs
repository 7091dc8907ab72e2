namespace Plan2.Grains.Trading.Journal;

/// <summary>
/// The append-only log orders and accounts are rebuilt from: PostgreSQL in a cluster (a silo-wide
/// group commit: one transaction for everything queued meanwhile), memory when embedded (lost with the
/// process, and <see cref="IsDurable"/> says so). An append completes once its entries are durable,
/// all or none; a (tenant, stream, sequence) already written fails it, so two writers of one stream
/// cannot both succeed.
/// </summary>
public interface IOrderJournal
{
    bool IsDurable { get; }

    Task AppendAsync(IReadOnlyList<JournalEntry> entries);

    /// <summary>One stream (an order, or an account's own events) in sequence order.</summary>
    Task<IReadOnlyList<JournalEntry>> ReadStreamAsync(string tenant, string streamId);

    /// <summary>Every entry of an account (its own stream and all its orders') in the order they were appended.</summary>
    Task<IReadOnlyList<JournalEntry>> ReadAccountAsync(string tenant, string accountId);
}

/// <summary>
/// One journaled event. <see cref="StreamId"/> is an order id, or the account id for the account's
/// own events; <see cref="Sequence"/> counts from 1 per stream; <see cref="Payload"/> is JSON.
/// </summary>
public sealed record JournalEntry(
    string Tenant,
    string AccountId,
    string StreamId,
    int Sequence,
    DateTimeOffset At,
    string Kind,
    string Payload);
