namespace Plan2.Integration.Tests.Infrastructure;

/// <summary>A test class with a fresh PostgreSQL database and a cluster id of its own; both dropped with it.</summary>
public abstract class DatabaseTest(string prefix) : IAsyncLifetime
{
    protected string ClusterId { get; } = prefix + "-" + Guid.NewGuid().ToString("n")[..8];
    protected string Db { get; private set; } = "";

    public virtual async Task InitializeAsync() => Db = await TestServices.CreateDatabaseAsync();

    public virtual Task DisposeAsync() => TestServices.DropDatabaseAsync(Db);
}
