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

    /// <summary>
    /// The entries of an account after journal position <paramref name="afterPosition"/> (0: all), in append order, each with
    /// its position: what an account snapshot covers up to, so a rebuild reads only the tail after it. Positions only grow
    /// along the account's append order; the entries of one append share one. Here: the position in the account's read.
    /// </summary>
    async Task<IReadOnlyList<PositionedEntry>> ReadAccountAfterAsync(string tenant, string accountId, long afterPosition)
    {
        var all = await ReadAccountAsync(tenant, accountId);
        var tail = new List<PositionedEntry>();
        for (var i = (int)Math.Min(Math.Max(afterPosition, 0), all.Count); i < all.Count; i++)
            tail.Add(new PositionedEntry(all[i], i + 1));
        return tail;
    }

    /// <summary>
    /// Where each append of an account after <paramref name="afterPosition"/> starts and ends (its stream, first and last
    /// sequence, stamp and position), in append order, without the entries' contents: what a running account checks its
    /// books against before it stores a snapshot. Here: one mark per entry.
    /// </summary>
    async Task<IReadOnlyList<JournalMark>> ReadAccountMarksAfterAsync(string tenant, string accountId, long afterPosition) =>
        [.. (await ReadAccountAfterAsync(tenant, accountId, afterPosition))
            .Select(p => new JournalMark(p.Entry.StreamId, p.Entry.Sequence, p.Entry.Sequence, p.Entry.At, p.Position))];
}

/// <summary>One append in an account's journal (<see cref="IOrderJournal.ReadAccountMarksAfterAsync"/>).</summary>
public sealed record JournalMark(string StreamId, int FirstSequence, int LastSequence, DateTimeOffset At, long Position);

/// <summary>A journal entry and its position in the account's journal (<see cref="IOrderJournal.ReadAccountAfterAsync"/>).</summary>
public sealed record PositionedEntry(JournalEntry Entry, long Position);

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
