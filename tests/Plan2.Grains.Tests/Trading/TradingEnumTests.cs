using Plan2.Abstractions.Trading;
using Plan2.Core.Trading.Orders;
using Plan2.Core.Trading.Positions;

namespace Plan2.Grains.Tests.Trading;

/// <summary>The grains map client enums to Core ones by value: the two sets must not drift apart.</summary>
public class TradingEnumTests
{
    [Fact]
    public void ClientEnums_HaveTheCoreNamesAndValues()
    {
        AssertSame<TradeSide, OrderSide>();
        AssertSame<TradeOrderType, OrderType>();
        AssertSame<TradeTimeInForce, TimeInForce>();
        AssertSame<OrderState, OrderStatus>();
        AssertSame<PositionMode, AccountMode>();
    }

    private static void AssertSame<TClient, TCore>() where TClient : struct, Enum where TCore : struct, Enum =>
        Assert.Equal(
            Enum.GetValues<TCore>().Select(v => (v.ToString(), Convert.ToInt32(v))),
            Enum.GetValues<TClient>().Select(v => (v.ToString(), Convert.ToInt32(v))));
}
