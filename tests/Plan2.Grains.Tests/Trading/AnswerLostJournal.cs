using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Plan2.Grains.Trading.Journal;

namespace Plan2.Grains.Tests.Trading;

/// <summary>
/// The cluster's journal, able to lose the answer to one append: the entries are stored and then the call fails, as a
/// PostgreSQL commit does when the connection drops after the server committed. Only for the tenants a test names.
/// </summary>
internal sealed class AnswerLostJournal(IOrderJournal inner) : IOrderJournal
{
    private readonly ConcurrentDictionary<string, byte> _loseNextOrderAppend = new();

    public bool IsDurable => inner.IsDurable;

    /// <summary>The next append to one of <paramref name="tenant"/>'s order streams is stored, and then fails.</summary>
    public void LoseNextOrderAppendAnswer(string tenant) => _loseNextOrderAppend[tenant] = 0;

    public async Task AppendAsync(IReadOnlyList<JournalEntry> entries)
    {
        await inner.AppendAsync(entries);
        if (entries is [var first, ..] && first.StreamId != first.AccountId && _loseNextOrderAppend.TryRemove(first.Tenant, out _))
            throw new TimeoutException("The journal's answer was lost after it stored the entries (test).");
    }

    private readonly ConcurrentDictionary<string, (TaskCompletionSource Release, StrongBox<int> Waiting)> _heldReads = new();

    /// <summary>Holds reads of <paramref name="tenant"/>'s order streams until disposed; <c>Waiting</c> counts reads held.</summary>
    public (IDisposable Hold, Func<int> Waiting) HoldStreamReads(string tenant)
    {
        var held = (new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new StrongBox<int>());
        _heldReads[tenant] = held;
        return (new Release(() => { _heldReads.TryRemove(tenant, out _); held.Item1.TrySetResult(); }), () => Volatile.Read(ref held.Item2.Value));
    }

    public async Task<IReadOnlyList<JournalEntry>> ReadStreamAsync(string tenant, string streamId)
    {
        if (_heldReads.TryGetValue(tenant, out var held))
        {
            Interlocked.Increment(ref held.Waiting.Value);
            await held.Release.Task;
        }
        return await inner.ReadStreamAsync(tenant, streamId);
    }

    private sealed class Release(Action release) : IDisposable
    {
        public void Dispose() => release();
    }

    public Task<IReadOnlyList<JournalEntry>> ReadAccountAsync(string tenant, string accountId) => inner.ReadAccountAsync(tenant, accountId);
}
