using Plan2.ClickHouseFront;

namespace Plan2.Storage.Tests.ClickHouse;

/// <summary>
/// The real ClickHouse engine (libchdb) behind our HTTP front, once per test run, on a fresh temporary data
/// directory. Without the library every test fails with what to run: a missing engine is a broken setup,
/// not a reason to skip.
/// </summary>
public sealed class ChDbFixture : IAsyncLifetime
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "plan2-chdb-" + Guid.NewGuid().ToString("n")[..12]);
    private ChDbEngine? _engine;
    private ClickHouseHttpFront? _front;

    public ChDbEngine Engine => _engine ?? throw new InvalidOperationException("Not started.");
    public ClickHouseHttpFront Front => _front ?? throw new InvalidOperationException("Not started.");

    /// <summary>What ClickHouse.Driver needs; the database is created by the store's EnsureSchemaAsync.</summary>
    public string ConnectionString(string database = "plan2") =>
        $"Host={Front.BaseAddress.Host};Port={Front.BaseAddress.Port};Username=default;Password=;Database={database}";

    public async Task InitializeAsync()
    {
        var library = ChDbLibrary.Require();
        var spool = Path.Combine(_dataPath, "spool");
        Directory.CreateDirectory(spool);
        _engine = ChDbEngine.Open(library, Path.Combine(_dataPath, "data"));
        _front = await ClickHouseHttpFront.StartAsync(_engine, spool);
    }

    public async Task DisposeAsync()
    {
        if (_front is not null) await _front.DisposeAsync();
        _engine?.Dispose();
        try { Directory.Delete(_dataPath, recursive: true); }
        catch (IOException) { } // the engine may still hold a file briefly; the temp dir is not worth failing a run
    }
}

[CollectionDefinition(Name)]
public sealed class ChDbCollection : ICollectionFixture<ChDbFixture>
{
    public const string Name = "ClickHouse engine";
}
