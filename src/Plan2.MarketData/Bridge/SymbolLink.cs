namespace Plan2.MarketData.Bridge;

/// <summary>One connection's view of a symbol: what it acknowledged and whether it waits for a resend.</summary>
internal sealed class SymbolLink(SymbolCursor cursor)
{
    public SymbolCursor Cursor { get; } = cursor;
    public long Acked { get; set; } = cursor.Next - 1;
    public bool GapOpen { get; set; }
    public bool ResendDue { get; set; }
    public long ResendRequestedAt { get; set; }
}
