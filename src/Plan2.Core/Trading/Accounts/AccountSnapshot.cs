namespace Plan2.Core.Trading.Accounts;

/// <summary>
/// An account's books as a snapshot stores them: the ledger (cash, positions, the closed positions' totals by strategy,
/// the order and trade ids still needed), the order window, the positions open at each day start the periods still reach and the realised
/// P&amp;L by day. Rebuilding = this plus the journal entries after <see cref="AccountSnapshotRules.CoveredPosition"/>; entries
/// the snapshot already reflects are recognised (by sequence per stream, trade id per fill) and change nothing.
/// </summary>
public sealed record AccountBooksState(LedgerState Ledger, OrderWindowState Window, DayStartBooksState DayStarts,
    IReadOnlyDictionary<DateOnly, RealizedTotals> RealizedByDay);

/// <summary>The pure rules of account snapshots.</summary>
public static class AccountSnapshotRules
{
    /// <summary>
    /// The journal position a snapshot may claim to cover: the last of the entries read that were stamped before
    /// <paramref name="settledBefore"/>. A younger entry may sit behind another writer's append still in flight (ids are
    /// taken before commit), so it is not claimed; the snapshot may reflect it anyway, and replaying it again changes nothing.
    /// The rule assumes an append commits within the settle time of its stamp (30 s by default; Npgsql's command timeout is
    /// 30 s too): an append that commits later, behind an id a snapshot already claimed, would be skipped by the next
    /// activation's replay (until that order changes again). Only a database stalled that long reaches it; known, not handled.
    /// </summary>
    public static long CoveredPosition(IEnumerable<(long Position, DateTimeOffset At)> read, DateTimeOffset settledBefore, long previous)
    {
        ArgumentNullException.ThrowIfNull(read);
        var covered = previous;
        foreach (var (position, at) in read)
        {
            if (at >= settledBefore)
                break; // the journal's order: nothing after an unsettled entry is claimed
            covered = Math.Max(covered, position);
        }
        return covered;
    }
}
