using Plan2.Abstractions.MarketData;

namespace Plan2.MarketData.Bridge;

/// <summary>One connection's view of a symbol: what it acknowledged and whether it waits for a resend.</summary>
internal sealed class SymbolLink(SymbolCursor cursor)
{
    public SymbolCursor Cursor { get; } = cursor;
    public long Acked { get; set; } = cursor.Durable;

    /// <summary>1 while a durability wait of this symbol is in flight (one at a time: it covers all delivered before it).</summary>
    public int Waiting;

    /// <summary>Recorded losses [start, end] not yet acknowledged: acknowledged once everything before them is durable.</summary>
    public Queue<(long Start, long End)> Losses { get; } = new();
    public bool GapOpen { get; set; }

    /// <summary>Decoded batches the sink has not taken yet, in sequence order; guarded by itself.</summary>
    public Queue<TickBatch> Queued { get; } = new();

    /// <summary>The delivery of this symbol's queue while one runs (at most one: the sink sees the symbol's batches in order).</summary>
    public Task? Delivering { get; set; }
    public bool ResendDue { get; set; }
    public long ResendRequestedAt { get; set; }
}
