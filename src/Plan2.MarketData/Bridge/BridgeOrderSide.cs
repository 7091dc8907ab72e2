namespace Plan2.MarketData.Bridge;

/// <summary>Wire constants: never renumber.</summary>
public enum BridgeOrderSide : byte
{
    Buy = 1,
    Sell = 2,
}
