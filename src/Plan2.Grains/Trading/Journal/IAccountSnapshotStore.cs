namespace Plan2.Grains.Trading.Journal;

/// <summary>
/// Where accounts keep their snapshots (PostgreSQL in a cluster; none when embedded, where the journal itself is in memory).
/// A snapshot only shortens a rebuild: the journal stays the truth, so a snapshot that fails to store loses nothing, and
/// one that cannot be read (another format, damaged) is ignored and the account replays its whole journal.
/// </summary>
public interface IAccountSnapshotStore
{
    Task<StoredAccountSnapshot?> LoadAsync(string tenant, string accountId);

    /// <summary>Keeps <paramref name="snapshot"/> unless one covering a later journal position is stored already.</summary>
    Task SaveAsync(string tenant, string accountId, StoredAccountSnapshot snapshot);
}

/// <summary>One stored snapshot: its format, the journal position it covers, and its state as JSON.</summary>
public sealed record StoredAccountSnapshot(int Format, long Position, string State);

/// <summary>When accounts snapshot and how many closed orders they remember (Plan2:Trading:Snapshots:*).</summary>
public sealed record AccountSnapshotOptions
{
    /// <summary>A snapshot after this many journal entries since the last one (at activation, and while running).</summary>
    public int Every { get; init; } = 500;
    /// <summary>Entries younger than this are not claimed as covered: an append of another silo may still be in flight behind them.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Closed orders an account remembers by id besides the open ones; older ones are asked of their order grain.</summary>
    public int KeepClosedOrders { get; init; } = Core.Trading.Accounts.OrderWindow.DefaultKeepClosed;
}
