namespace Plan2.MarketData.Bridge;

/// <summary>The header's message type byte. Values are wire constants: never renumber.</summary>
public enum BridgeMessageType : byte
{
    Hello = 1,
    Welcome = 2,
    Reject = 3,
    Heartbeat = 4,
    Ticks = 5,
    Ack = 6,
    ResendRequest = 7,
    TicksLost = 8,
    Order = 9,
    OrderResult = 10,
    Fill = 11,

    /// <summary>Version 2 and later.</summary>
    Clock = 12,

    /// <summary>Version 3 and later: server → EA, "report your open orders, positions and deals since".</summary>
    SnapshotRequest = 13,

    /// <summary>Version 3 and later: EA → server, the answer to SNAPSHOT_REQUEST.</summary>
    TradeSnapshot = 14,

    /// <summary>Version 4 and later: server → EA, remove a pending order (TRADE_ACTION_REMOVE).</summary>
    Cancel = 15,

    /// <summary>Version 4 and later: server → EA, change a pending order's prices or expiry (TRADE_ACTION_MODIFY).</summary>
    Modify = 16,

    /// <summary>Version 4 and later: EA → server, the synchronous answer to CANCEL or MODIFY.</summary>
    RequestResult = 17,

    /// <summary>Version 4 and later: EA → server, a pending order triggered, canceled or expired at the terminal.</summary>
    OrderEvent = 18,
}
