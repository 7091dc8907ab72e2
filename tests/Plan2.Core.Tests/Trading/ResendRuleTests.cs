using Plan2.Core.Trading.Orders;

namespace Plan2.Core.Tests.Trading;

/// <summary>A client order id sent again is the same order only for the same instrument, side and type.</summary>
public class OrderResendTests
{
    private static readonly OrderIdentity BuyLimit = new("EURUSD", OrderSide.Buy, OrderType.Limit);

    [Fact]
    public void SameSymbolSideAndType_IsAResend()
    {
        Assert.True(ResendRule.Check("c-1", BuyLimit, BuyLimit with { }).IsOk);
    }

    [Theory]
    [InlineData("GBPUSD", OrderSide.Buy, OrderType.Limit)]
    [InlineData("EURUSD", OrderSide.Sell, OrderType.Limit)]
    [InlineData("EURUSD", OrderSide.Buy, OrderType.Market)]
    [InlineData("eurusd", OrderSide.Buy, OrderType.Limit)] // symbols are exact: another spelling is another instrument
    public void AnotherSymbolSideOrType_IsRefusedAsAReusedId(string symbol, OrderSide side, OrderType type)
    {
        var result = ResendRule.Check("c-1", BuyLimit, new OrderIdentity(symbol, side, type));

        Assert.Equal(OrderRefusalReason.ClientOrderIdReused, result.Reason);
        Assert.Equal("Client order id 'c-1' already names a Buy Limit order for EURUSD; use a new id for another order.", result.Message);
    }
}
