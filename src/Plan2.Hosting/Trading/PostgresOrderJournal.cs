using Plan2.Grains.Trading.Journal;
using Plan2.Hosting.Operations;
using Plan2.Storage.Orders;

namespace Plan2.Hosting.Trading;

/// <summary>
/// The cluster's order journal: <see cref="PostgresOrderLog"/> (group commit) behind the grains' interface. Reads fail as
/// our own errors: accounts and orders read it while they activate, where no grain call filter translates for them.
/// </summary>
public sealed class PostgresOrderJournal(string connectionString) : IOrderJournal, IAsyncDisposable
{
    private readonly PostgresOrderLog _log = new(connectionString);

    public bool IsDurable => true;

    public Task AppendAsync(IReadOnlyList<JournalEntry> entries)
    {
        var rows = new OrderLogRow[entries.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var e = entries[i];
            rows[i] = new OrderLogRow(e.Tenant, e.AccountId, e.StreamId, e.Sequence, e.At, e.Kind, e.Payload);
        }
        return _log.AppendAsync(rows);
    }

    public async Task<IReadOnlyList<JournalEntry>> ReadStreamAsync(string tenant, string streamId) =>
        Map(await StoreErrors.Guard(_log.ReadStreamAsync(tenant, streamId)));

    public async Task<IReadOnlyList<JournalEntry>> ReadAccountAsync(string tenant, string accountId) =>
        Map(await StoreErrors.Guard(_log.ReadAccountAsync(tenant, accountId)));

    public async Task<IReadOnlyList<PositionedEntry>> ReadAccountAfterAsync(string tenant, string accountId, long afterPosition) =>
        (await StoreErrors.Guard(_log.ReadAccountAfterAsync(tenant, accountId, afterPosition)))
            .Select(r => new PositionedEntry(new JournalEntry(r.Row.Tenant, r.Row.AccountId, r.Row.StreamId, r.Row.Sequence, r.Row.At, r.Row.Kind, r.Row.Payload), r.Id))
            .ToArray();

    public async Task<IReadOnlyList<JournalMark>> ReadAccountMarksAfterAsync(string tenant, string accountId, long afterPosition) =>
        (await StoreErrors.Guard(_log.ReadAccountMarksAfterAsync(tenant, accountId, afterPosition)))
            .Select(m => new JournalMark(m.StreamId, m.FirstSequence, m.LastSequence, m.At, m.Id))
            .ToArray();

    private static JournalEntry[] Map(IReadOnlyList<OrderLogRow> rows) =>
        rows.Select(r => new JournalEntry(r.Tenant, r.AccountId, r.StreamId, r.Sequence, r.At, r.Kind, r.Payload)).ToArray();

    public ValueTask DisposeAsync() => _log.DisposeAsync();
}
