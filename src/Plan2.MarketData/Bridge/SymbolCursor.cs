namespace Plan2.MarketData.Bridge;

/// <summary>
/// Where one terminal session's tick stream of one symbol stands: the next sequence the sink has not
/// seen, and the last one it holds durably (what is acknowledged). Outlives connections, so a reconnect
/// resumes from what is durable instead of restarting. <see cref="Next"/> is touched by one connection at a
/// time (the server hands a terminal over only after the old connection ended); <see cref="Durable"/> may also be
/// raised by an older connection's durability wait finishing late, which is as true then as ever.
/// </summary>
internal sealed class SymbolCursor(string symbol)
{
    public string Symbol { get; } = symbol;
    public long Next { get; private set; } = 1;

    /// <summary>time_msc of tick Next - 1; 0 when none.</summary>
    public long LastTimeMs { get; private set; }

    private long _durable;

    /// <summary>The last sequence handed to the sink (a batch's end); below <see cref="Next"/> after a recorded loss.</summary>
    public long SinkThrough { get; set; }

    /// <summary>The last sequence the sink holds durably; only rises.</summary>
    public long Durable => Interlocked.Read(ref _durable);

    public void Advance(long next, long lastTimeMs)
    {
        Next = next;
        LastTimeMs = lastTimeMs;
    }

    public void RaiseDurable(long through)
    {
        var current = Interlocked.Read(ref _durable);
        while (through > current && Interlocked.CompareExchange(ref _durable, through, current) is var seen && seen != current)
            current = seen;
    }

    /// <summary>A new connection starts from what is durable: what was delivered beyond it is sent again (the sink drops what it has).</summary>
    public void ResumeFromDurable() => SinkThrough = (Next = Durable + 1) - 1;

    /// <summary>Called with the link's lock held: what the sink holds is durable; losses right after it are acknowledged too.</summary>
    internal void AcknowledgeLosses(Queue<(long Start, long End)> losses)
    {
        while (losses.TryPeek(out var loss) && loss.Start - 1 <= Durable)
        {
            RaiseDurable(loss.End);
            losses.Dequeue();
        }
    }
}
