using System.Diagnostics;
using Npgsql;

namespace Plan2.Cli.Bench;

/// <summary>
/// The yardstick: a one-row INSERT, its own transaction, into an ordinary (logged) table on its own
/// prepared connection; the latencies of the commits made, in µs.
/// </summary>
internal sealed class BareCommit : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlCommand _insert;
    private readonly NpgsqlParameter<string> _payload = new("p", "order");
    private int _count;

    private BareCommit(NpgsqlConnection connection)
    {
        _connection = connection;
        _insert = new NpgsqlCommand("INSERT INTO plan2_bench_commit (payload) VALUES (@p)", connection);
        _insert.Parameters.Add(_payload);
    }

    public List<double> Latencies { get; } = [];

    public static async Task<BareCommit> OpenAsync(string postgres, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync(ct);
        await using (var create = new NpgsqlCommand("DROP TABLE IF EXISTS plan2_bench_commit; CREATE TABLE plan2_bench_commit (id bigserial PRIMARY KEY, payload text NOT NULL)", connection))
            await create.ExecuteNonQueryAsync(ct);
        var bare = new BareCommit(connection);
        await bare._insert.PrepareAsync(ct);
        return bare;
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        _payload.TypedValue = $$"""{"order":{{_count++}}}""";
        var start = Stopwatch.GetTimestamp();
        await _insert.ExecuteNonQueryAsync(ct);
        Latencies.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
    }

    /// <summary>Bytes this process allocates per bare commit, over <paramref name="count"/> commits alone (not added to <see cref="Latencies"/>).</summary>
    public async Task<long> AllocatedPerCommitAsync(int count, CancellationToken ct)
    {
        var kept = Latencies.Count;
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < count; i++)
            await CommitAsync(ct);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Latencies.RemoveRange(kept, Latencies.Count - kept);
        return allocated / Math.Max(1, count);
    }

    public async ValueTask DisposeAsync()
    {
        await using (var drop = new NpgsqlCommand("DROP TABLE IF EXISTS plan2_bench_commit", _connection))
            await drop.ExecuteNonQueryAsync();
        await _insert.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
