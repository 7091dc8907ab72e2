using System.Collections.Concurrent;

namespace Plan2.ClickHouseFront;

/// <summary>
/// Engine sessions the front hands out one per statement, so concurrent requests run side by side as they do on a
/// server (one libchdb connection runs one statement at a time: with a single one, two inserts of different
/// symbols queued behind each other and left a core idle). Each session keeps its own database and settings.
/// </summary>
internal sealed class ChDbSessionPool(IReadOnlyList<ChDbSession> sessions)
{
    private readonly ConcurrentQueue<ChDbSession> _free = new(sessions);
    private readonly SemaphoreSlim _available = new(sessions.Count, sessions.Count);

    public Action<string>? Trace
    {
        get => sessions[0].Trace;
        set
        {
            foreach (var session in sessions)
                session.Trace = value;
        }
    }

    public async Task<T> RunAsync<T>(string? database, IReadOnlyDictionary<string, string> settings, Func<ChDbEngine, T> work, CancellationToken ct)
    {
        await _available.WaitAsync(ct);
        _free.TryDequeue(out var session);
        try
        {
            return await session!.RunAsync(database, settings, work, ct);
        }
        finally
        {
            _free.Enqueue(session!);
            _available.Release();
        }
    }
}
