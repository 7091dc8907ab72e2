using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Hosting;
using Orleans.TestingHost;
using Plan2.Grains.Trading.Journal;
using Plan2.Hosting.Trading;
using Plan2.Storage.Orders;

namespace Plan2.Grains.Tests.Trading.Snapshots;

/// <summary>
/// A two-silo TestCluster whose order journal and account snapshots are in a fresh PostgreSQL database of its own
/// (PLAN2_TEST_POSTGRES, as the integration tests), with snapshots every <see cref="Options"/>.Every entries, no settle
/// time and a window of five closed orders, so that a short test crosses all three.
/// </summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    public static readonly AccountSnapshotOptions Options = new() { Every = 20, Settle = TimeSpan.Zero, KeepClosedOrders = 5 };

    private static string Server => Environment.GetEnvironmentVariable("PLAN2_TEST_POSTGRES")
        ?? throw new InvalidOperationException("PLAN2_TEST_POSTGRES is not set: eval \"$(build/dev-services.sh)\" or point it at a PostgreSQL.");

    public TestCluster Cluster { get; private set; } = null!;
    public string Db { get; private set; } = "";

    /// <summary>The snapshot store every silo uses; a test may make it fail.</summary>
    internal static FlakySnapshotStore Snapshots { get; private set; } = null!;
    private static PostgresOrderJournal? _journal;

    /// <summary>The journal every silo uses (the PostgreSQL one), its stream reads counted.</summary>
    internal static AnswerLostJournal Journal { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var name = "plan2_test_" + Guid.NewGuid().ToString("n")[..12];
        await using (var connection = new NpgsqlConnection(Server))
        {
            await connection.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await cmd.ExecuteNonQueryAsync();
        }
        Db = new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;
        await OrderLogSchema.EnsureAsync(Db);
        _journal = new PostgresOrderJournal(Db);
        Journal = new AnswerLostJournal(_journal);
        Snapshots = new FlakySnapshotStore(new PostgresAccountSnapshotStore(Db));
        Cluster = new TestClusterBuilder(2).AddSiloBuilderConfigurator<SiloConfigurator>().AddClientBuilderConfigurator<ClientConfigurator>().Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        if (_journal is not null)
            await _journal.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(Db).Database} WITH (FORCE)", connection);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Runs <paramref name="sql"/> on the fixture's database; returns the first column of the first row.</summary>
    public async Task<object?> SqlAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Db);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        foreach (var (n, v) in parameters)
            cmd.Parameters.AddWithValue(n, v);
        return await cmd.ExecuteScalarAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            new ClusterFixture.SiloConfigurator().Configure(silo);
            silo.ConfigureServices(s =>
            {
                s.AddSingleton<IOrderJournal>(Journal); // registered last: the grains get this one
                s.AddSingleton<IAccountSnapshotStore>(Snapshots);
                s.AddSingleton(Options);
            });
        }
    }
}

/// <summary>The PostgreSQL snapshot store, able to fail every save for a test's tenant (as when the database refuses a write).</summary>
internal sealed class FlakySnapshotStore(IAccountSnapshotStore inner) : IAccountSnapshotStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _failing = new();

    public void FailSaves(string tenant, bool fail)
    {
        if (fail) _failing[tenant] = 0;
        else _failing.TryRemove(tenant, out _);
    }

    public Task<StoredAccountSnapshot?> LoadAsync(string tenant, string accountId) => inner.LoadAsync(tenant, accountId);

    public Task SaveAsync(string tenant, string accountId, StoredAccountSnapshot snapshot) =>
        _failing.ContainsKey(tenant) ? Task.FromException(new InvalidOperationException("The snapshot store refused the write (test).")) : inner.SaveAsync(tenant, accountId, snapshot);
}

[CollectionDefinition(Name)]
public sealed class PostgresClusterCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "postgres-cluster";
}
