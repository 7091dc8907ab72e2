namespace Plan2.Integration.Tests.Infrastructure;

/// <summary>A <see cref="DatabaseTest"/> with a cluster-mode silo of its own, started once for the class.</summary>
public abstract class RealSiloTest(string prefix) : DatabaseTest(prefix)
{
    private InProcessSilo? _silo;

    protected InProcessSilo Silo => _silo ?? throw new InvalidOperationException("The silo is not started.");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _silo = await InProcessSilo.StartAsync(ClusterId, Db);
    }

    public override async Task DisposeAsync()
    {
        if (_silo is not null)
            await _silo.DisposeAsync();
        await base.DisposeAsync();
    }
}
