namespace Plan2.MarketData.Bridge;

/// <summary>
/// Where one terminal session's tick stream of one symbol stands: the next sequence the sink has not
/// seen. Outlives connections, so a reconnect resumes instead of restarting. Touched by one
/// connection at a time (the server hands a terminal over only after the old connection ended).
/// </summary>
internal sealed class SymbolCursor(string symbol)
{
    public string Symbol { get; } = symbol;
    public long Next { get; private set; } = 1;

    /// <summary>time_msc of tick Next - 1; 0 when none.</summary>
    public long LastTimeMs { get; private set; }

    public void Advance(long next, long lastTimeMs)
    {
        Next = next;
        LastTimeMs = lastTimeMs;
    }
}
