namespace Plan2.Core.Trading.Orders;

public enum OrderSide : byte
{
    Buy = 1,
    Sell = 2,
}

public static class OrderSideExtensions
{
    public static OrderSide Opposite(this OrderSide side) => side == OrderSide.Buy ? OrderSide.Sell : OrderSide.Buy;

    /// <summary>+1 for a buy, -1 for a sell: the sign a fill adds to a net position.</summary>
    public static int Sign(this OrderSide side) => side == OrderSide.Buy ? 1 : -1;
}
