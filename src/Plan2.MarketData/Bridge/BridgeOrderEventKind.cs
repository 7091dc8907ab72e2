namespace Plan2.MarketData.Bridge;

/// <summary>What happened to a pending order at the terminal (ORDER_EVENT, version 4). Wire constants: never renumber.</summary>
public enum BridgeOrderEventKind : byte
{
    /// <summary>A stop-limit's stop price was reached: it now rests as a limit order (same ticket).</summary>
    Triggered = 1,

    /// <summary>Removed without a fill of what was left: by a person, by the server, or the unfilled rest of an IOC.</summary>
    Canceled = 2,

    /// <summary>A DAY or GTD order reached its expiry (ORDER_STATE_EXPIRED).</summary>
    Expired = 3,
}
