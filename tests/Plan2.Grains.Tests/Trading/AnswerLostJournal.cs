using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Plan2.Grains.Trading.Journal;

namespace Plan2.Grains.Tests.Trading;

/// <summary>
/// The cluster's journal, able to lose the answer to one append: the entries are stored and then the call fails, as a
/// PostgreSQL commit does when the connection drops after the server committed. Only for the tenants a test names.
/// Reads of one order's stream can also be held or made to fail, as a journal that is slow or down for that order.
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

    private readonly ConcurrentDictionary<string, byte> _failedReads = new();

    /// <summary>
    /// Holds reads of <paramref name="tenant"/>'s order streams (only of <paramref name="streamId"/>, if named) until disposed;
    /// <c>Waiting</c> counts reads held.
    /// </summary>
    public (IDisposable Hold, Func<int> Waiting) HoldStreamReads(string tenant, string? streamId = null)
    {
        var key = streamId is null ? tenant : $"{tenant}/{streamId}";
        var held = (new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new StrongBox<int>());
        _heldReads[key] = held;
        return (new Release(() => { _heldReads.TryRemove(key, out _); held.Item1.TrySetResult(); }), () => Volatile.Read(ref held.Item2.Value));
    }

    /// <summary>Reads of one order stream fail until disposed, as when the journal cannot serve that order.</summary>
    public IDisposable FailStreamReads(string tenant, string streamId)
    {
        var key = $"{tenant}/{streamId}";
        _failedReads[key] = 0;
        return new Release(() => _failedReads.TryRemove(key, out _));
    }

    private readonly ConcurrentDictionary<string, int> _streamReads = new();

    /// <summary>How many times <paramref name="streamId"/> of <paramref name="tenant"/> was read.</summary>
    public int StreamReads(string tenant, string streamId) => _streamReads.GetValueOrDefault($"{tenant}/{streamId}");

    public async Task<IReadOnlyList<JournalEntry>> ReadStreamAsync(string tenant, string streamId)
    {
        _streamReads.AddOrUpdate($"{tenant}/{streamId}", 1, (_, n) => n + 1);
        foreach (var key in (string[])[tenant, $"{tenant}/{streamId}"])
        {
            if (_heldReads.TryGetValue(key, out var held))
            {
                Interlocked.Increment(ref held.Waiting.Value);
                await held.Release.Task;
            }
        }
        if (_failedReads.ContainsKey($"{tenant}/{streamId}"))
            throw new TimeoutException($"The journal could not read stream {streamId} (test).");
        return await inner.ReadStreamAsync(tenant, streamId);
    }

    private sealed class Release(Action release) : IDisposable
    {
        public void Dispose() => release();
    }

    public Task<IReadOnlyList<JournalEntry>> ReadAccountAsync(string tenant, string accountId) => inner.ReadAccountAsync(tenant, accountId);

    // The inner journal's own positions (PostgreSQL's are row ids), which account snapshots record.
    public Task<IReadOnlyList<PositionedEntry>> ReadAccountAfterAsync(string tenant, string accountId, long afterPosition) =>
        inner.ReadAccountAfterAsync(tenant, accountId, afterPosition);

    public Task<IReadOnlyList<JournalMark>> ReadAccountMarksAfterAsync(string tenant, string accountId, long afterPosition) =>
        inner.ReadAccountMarksAfterAsync(tenant, accountId, afterPosition);
}
