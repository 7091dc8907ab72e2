using Plan2.Core.Trading.Orders;

namespace Plan2.Core.Trading.Positions;

public enum PositionSide : byte
{
    Long = 1,
    Short = 2,
}

public static class PositionSideExtensions
{
    public static PositionSide Opened(this OrderSide side) => side == OrderSide.Buy ? PositionSide.Long : PositionSide.Short;

    /// <summary>The order side that closes a position of this side.</summary>
    public static OrderSide ClosingSide(this PositionSide side) => side == PositionSide.Long ? OrderSide.Sell : OrderSide.Buy;

    public static int Sign(this PositionSide side) => side == PositionSide.Long ? 1 : -1;
}
