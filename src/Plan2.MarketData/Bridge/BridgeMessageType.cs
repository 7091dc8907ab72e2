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
}
