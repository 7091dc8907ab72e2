namespace Plan2.Core.Trading.Orders;

/// <summary>How long an order stays working.</summary>
public enum TimeInForce : byte
{
    /// <summary>Good till canceled.</summary>
    Gtc = 1,
    /// <summary>Expires at the end of the trading day it was placed in.</summary>
    Day = 2,
    /// <summary>Good till a stated date and time (<see cref="OrderRequest.ExpireAt"/>).</summary>
    Gtd = 3,
    /// <summary>Immediate or cancel: fill what can be filled now, cancel the rest.</summary>
    Ioc = 4,
    /// <summary>Fill or kill: fill the whole quantity now or nothing.</summary>
    Fok = 5,
}
