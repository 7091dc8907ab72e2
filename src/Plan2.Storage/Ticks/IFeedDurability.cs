namespace Plan2.Storage.Ticks;

/// <summary>Told by the <see cref="BufferedTickWriter"/> what its commits made durable, so that acknowledgements can follow.</summary>
public interface IFeedDurability
{
    /// <summary>These cursors (and every tick they cover) are committed.</summary>
    void Stored(IReadOnlyList<FeedCursor> cursors);

    /// <summary>The writer gave up: nothing queued will be stored; whoever waits must hear it.</summary>
    void Faulted(Exception fault);
}
