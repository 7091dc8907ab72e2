using Plan2.ClickHouseFront;

namespace Plan2.Integration.Tests.Infrastructure;

/// <summary>
/// The ClickHouse engine (libchdb behind its HTTP front) in this test process, outliving the silos the tests kill. One per
/// process: libchdb refuses a second engine on another path, so every test that needs it shares this one (a database each).
/// </summary>
public sealed class ChDbFrontFixture : IAsyncLifetime
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("plan2-it-chdb-").FullName;
    private ChDbEngine? _engine;
    private ClickHouseHttpFront? _front;

    public ClickHouseHttpFront Front => _front ?? throw new InvalidOperationException("Not started.");

    /// <summary>For ConnectionStrings__ClickHouse: a database of the caller's own, created by the store.</summary>
    public string ConnectionString(string database) =>
        $"Host={Front.BaseAddress.Host};Port={Front.BaseAddress.Port};Username=default;Password=;Database={database};Compression=false";

    public async Task InitializeAsync()
    {
        _engine = ChDbEngine.Open(ChDbLibrary.Require(), Path.Combine(_dataDir, "data"));
        _front = await ClickHouseHttpFront.StartAsync(_engine, Directory.CreateDirectory(Path.Combine(_dataDir, "spool")).FullName);
    }

    public async Task DisposeAsync()
    {
        if (_front is not null) await _front.DisposeAsync();
        _engine?.Dispose();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class ChDbFrontCollection : ICollectionFixture<ChDbFrontFixture>
{
    public const string Name = "ClickHouse engine in the test process";
}
