namespace Plan2.Core.Trading.Orders;

/// <summary>How an order meets the market.</summary>
public enum OrderType : byte
{
    /// <summary>Fill now at the best available price.</summary>
    Market = 1,
    /// <summary>Fill at the limit price or better.</summary>
    Limit = 2,
    /// <summary>Becomes a market order once the market touches the trigger price.</summary>
    Stop = 3,
    /// <summary>Becomes a limit order at the limit price once the market touches the trigger price.</summary>
    StopLimit = 4,
}
