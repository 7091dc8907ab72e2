namespace Plan2.Core.Trading.Accounts;

/// <summary>
/// When a running account tries a snapshot: once <c>every</c> changes have come since the last one stored, and no
/// sooner than <c>settle</c> after its last try. A try finds nothing to store while every entry since the last snapshot
/// is younger than <c>settle</c>, and keeps the count; without the wait an account trading faster than <c>every</c>
/// changes per <c>settle</c> tried (and read its journal's tail) on every change.
/// </summary>
public sealed class SnapshotSchedule(int every, TimeSpan settle)
{
    private DateTimeOffset _nextTry = DateTimeOffset.MinValue;

    /// <summary>Changes since the last snapshot stored.</summary>
    public int Changes { get; private set; }

    /// <summary>Counts a change at <paramref name="now"/>; true when a try is due (the caller then calls <see cref="Tried"/>).</summary>
    public bool Changed(DateTimeOffset now) => ++Changes >= every && now >= _nextTry;

    public void Tried(DateTimeOffset at) => _nextTry = at + settle;

    public void Stored() => Changes = 0;

    /// <summary>An activation replayed <paramref name="entries"/> entries after the snapshot it loaded: they count as changes.</summary>
    public void Replayed(int entries) => Changes = entries;

    /// <summary>Whether a replay of this many entries calls for a snapshot at once.</summary>
    public bool Due => Changes >= every;
}
