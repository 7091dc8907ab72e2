using Plan2.Grains.Trading.Journal;
using Plan2.Hosting.Operations;
using Plan2.Storage.Orders;

namespace Plan2.Hosting.Trading;

/// <summary>The cluster's account snapshots: <see cref="PostgresAccountSnapshots"/> behind the grains' interface, failing as our own errors.</summary>
public sealed class PostgresAccountSnapshotStore(string connectionString) : IAccountSnapshotStore, IAsyncDisposable
{
    private readonly PostgresAccountSnapshots _snapshots = new(connectionString);

    public async Task<StoredAccountSnapshot?> LoadAsync(string tenant, string accountId) =>
        await StoreErrors.Guard(_snapshots.LoadAsync(tenant, accountId)) is { } s ? new StoredAccountSnapshot(s.Format, s.Position, s.State) : null;

    public Task SaveAsync(string tenant, string accountId, StoredAccountSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return StoreErrors.Guard(_snapshots.SaveAsync(tenant, accountId, snapshot.Format, snapshot.Position, snapshot.State));
    }

    public ValueTask DisposeAsync() => _snapshots.DisposeAsync();
}
