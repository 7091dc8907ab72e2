namespace Plan2.Integration.Tests.Infrastructure;

/// <summary>A test class with a cluster-mode silo of its own: a fresh database, a fresh cluster id, started once.</summary>
public abstract class RealSiloTest(string prefix) : IAsyncLifetime
{
    private string _db = "";
    private InProcessSilo? _silo;

    protected string ClusterId { get; } = prefix + "-" + Guid.NewGuid().ToString("n")[..8];
    protected InProcessSilo Silo => _silo ?? throw new InvalidOperationException("The silo is not started.");

    public async Task InitializeAsync()
    {
        _db = await TestServices.CreateDatabaseAsync();
        _silo = await InProcessSilo.StartAsync(ClusterId, _db);
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
            await _silo.DisposeAsync();
        await TestServices.DropDatabaseAsync(_db);
    }
}
