namespace Plan2.MarketData.Bridge;

/// <summary>
/// Wire constants: never renumber. Limit and stop are pending orders at <see cref="OrderCommand.Price"/>; a stop-limit
/// (version 4) triggers at <see cref="OrderCommand.Price"/> and then rests as a limit at <see cref="OrderCommand.StopLimitPrice"/>.
/// </summary>
public enum BridgeOrderType : byte
{
    Market = 1,
    Limit = 2,
    Stop = 3,
    StopLimit = 4,
}
