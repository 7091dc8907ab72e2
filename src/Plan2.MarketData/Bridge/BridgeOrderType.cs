namespace Plan2.MarketData.Bridge;

/// <summary>Wire constants: never renumber. Limit and stop are pending orders at <see cref="OrderCommand.Price"/>.</summary>
public enum BridgeOrderType : byte
{
    Market = 1,
    Limit = 2,
    Stop = 3,
}
