using Plan2.Grains.Trading.Journal;

namespace Plan2.Hosting.Trading;

/// <summary>
/// The embedded platform's order journal: in memory, silo-wide, lost when the process stops (the
/// README and dashboard say so). Same rules as the PostgreSQL one: sequences per stream must follow
/// on, and an append is all or none.
/// </summary>
public sealed class MemoryOrderJournal : IOrderJournal
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Tenant, string Stream), List<JournalEntry>> _streams = [];
    private readonly Dictionary<(string Tenant, string Account), List<JournalEntry>> _accounts = [];

    public bool IsDurable => false;

    public Task AppendAsync(IReadOnlyList<JournalEntry> entries)
    {
        lock (_lock)
        {
            var next = new Dictionary<(string, string), int>();
            foreach (var e in entries)
            {
                var key = (e.Tenant, e.StreamId);
                var expected = next.TryGetValue(key, out var n) ? n : (_streams.TryGetValue(key, out var s) ? s.Count : 0) + 1;
                if (e.Sequence != expected)
                    return Task.FromException(new InvalidOperationException(
                        $"Journal stream '{e.StreamId}' of tenant '{e.Tenant}' expects entry {expected}, not {e.Sequence}: another writer got there first."));
                next[key] = expected + 1;
            }
            foreach (var e in entries)
            {
                Add(_streams, (e.Tenant, e.StreamId), e);
                Add(_accounts, (e.Tenant, e.AccountId), e);
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<JournalEntry>> ReadStreamAsync(string tenant, string streamId) => Read(_streams, (tenant, streamId));

    public Task<IReadOnlyList<JournalEntry>> ReadAccountAsync(string tenant, string accountId) => Read(_accounts, (tenant, accountId));

    private Task<IReadOnlyList<JournalEntry>> Read(Dictionary<(string, string), List<JournalEntry>> index, (string, string) key)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<JournalEntry>>(index.TryGetValue(key, out var list) ? list.ToArray() : []);
    }

    private static void Add(Dictionary<(string, string), List<JournalEntry>> index, (string, string) key, JournalEntry entry)
    {
        if (!index.TryGetValue(key, out var list))
            index[key] = list = [];
        list.Add(entry);
    }
}
