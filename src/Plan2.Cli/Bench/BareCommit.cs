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

    public async ValueTask DisposeAsync()
    {
        await using (var drop = new NpgsqlCommand("DROP TABLE IF EXISTS plan2_bench_commit", _connection))
            await drop.ExecuteNonQueryAsync();
        await _insert.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
