namespace Plan2.MarketData.Bridge;

/// <summary>
/// How long an ORDER works (version 4), wire constants: never renumber. The EA maps GTC, DAY and GTD to
/// ORDER_TIME_GTC, ORDER_TIME_DAY and ORDER_TIME_SPECIFIED (with the expiration), and IOC and FOK (market
/// orders only) to ORDER_FILLING_IOC and ORDER_FILLING_FOK, each only where the symbol allows it.
/// </summary>
public enum BridgeTimeInForce : byte
{
    Gtc = 1,
    Day = 2,
    Gtd = 3,
    Ioc = 4,
    Fok = 5,
}
