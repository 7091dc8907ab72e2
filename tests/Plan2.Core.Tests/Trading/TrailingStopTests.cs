using Plan2.Core.Trading.Orders;
using Plan2.Core.Trading.Positions;
using Plan2.Core.Trading.Stops;
using static Plan2.Core.Tests.Trading.TestMarket;

namespace Plan2.Core.Tests.Trading;

public class TrailingStopTests
{
    private static TrailingStop Create(PositionSide side, string reference = "1.10000", string distance = "0.00200", string step = "0", long? ticket = null)
    {
        Assert.True(TrailingStop.TryCreate(EurUsd, side, 0.5m, P(reference), P(distance), P(step), ticket, out var stop).IsOk);
        return stop!;
    }

    [Fact]
    public void OnQuote_LongAndMarketRises_RatchetsUpBehindTheBid()
    {
        var stop = Create(PositionSide.Long);
        Assert.Equal(P("1.09800"), stop.StopPrice); // 1.10000 − 0.00200

        Assert.Equal(TrailingStopMove.Ratcheted, stop.OnQuote(Quote("1.10300", "1.10310")));
        Assert.Equal(P("1.10100"), stop.StopPrice); // 1.10300 − 0.00200
        Assert.Equal(TrailingStopMove.Held, stop.OnQuote(Quote("1.10200", "1.10210"))); // never moves back
        Assert.Equal(P("1.10100"), stop.StopPrice);
    }

    [Theory]
    [InlineData(PositionSide.Long, "1.10100", "1.10400", "1.10110", "1.10090")]
    [InlineData(PositionSide.Short, "1.09900", "1.09600", "1.09890", "1.09910")]
    public void TryRestore_PutsTheStopBackWhereItWas_AndItTrailsOnFromThere(PositionSide side, string stored, string further, string held, string through)
    {
        Assert.True(TrailingStop.TryRestore(EurUsd, side, 0.5m, P(stored), P("0.00200"), P("0"), 7, out var stop).IsOk);
        Assert.Equal((P(stored), 0.5m, 7L), (stop!.StopPrice, stop.Quantity, stop.PositionTicket));

        Assert.Equal(TrailingStopMove.Held, stop.OnQuote(side == PositionSide.Long ? Quote(held, "1.10200") : Quote("1.09800", held)));
        Assert.Equal(TrailingStopMove.Ratcheted, stop.OnQuote(side == PositionSide.Long ? Quote(further, "1.10410") : Quote("1.09590", further)));
        Assert.Equal(TrailingStopMove.Triggered, stop.OnQuote(side == PositionSide.Long ? Quote(through, "1.10100") : Quote("1.09900", through)));
    }

    [Fact]
    public void OnQuote_LongAndBidReachesStop_Triggers()
    {
        var stop = Create(PositionSide.Long);
        stop.OnQuote(Quote("1.10300", "1.10310"));

        Assert.Equal(TrailingStopMove.Triggered, stop.OnQuote(Quote("1.10100", "1.10110")));
        Assert.True(stop.IsTriggered);
        Assert.Equal(TrailingStopMove.Held, stop.OnQuote(Quote("1.09000", "1.09010"))); // fires once
    }

    [Fact]
    public void OnQuote_ShortAndMarketFalls_RatchetsDownAndTriggersOnTheAsk()
    {
        var stop = Create(PositionSide.Short);
        Assert.Equal(P("1.10200"), stop.StopPrice); // 1.10000 + 0.00200

        Assert.Equal(TrailingStopMove.Ratcheted, stop.OnQuote(Quote("1.09690", "1.09700")));
        Assert.Equal(P("1.09900"), stop.StopPrice); // ask 1.09700 + 0.00200
        Assert.Equal(TrailingStopMove.Held, stop.OnQuote(Quote("1.09880", "1.09899")));
        Assert.Equal(TrailingStopMove.Triggered, stop.OnQuote(Quote("1.09890", "1.09900")));
    }

    [Fact]
    public void OnQuote_MoveSmallerThanStep_DoesNotRatchet()
    {
        var stop = Create(PositionSide.Long, step: "0.00050");

        Assert.Equal(TrailingStopMove.Held, stop.OnQuote(Quote("1.10040", "1.10050"))); // would move 0.00040 < step
        Assert.Equal(TrailingStopMove.Ratcheted, stop.OnQuote(Quote("1.10050", "1.10060"))); // exactly the step
        Assert.Equal(P("1.09850"), stop.StopPrice);
    }

    [Fact]
    public void ExitOrder_AfterTrigger_IsReduceOnlyMarketCloseOfTheTicket()
    {
        var stop = Create(PositionSide.Long, ticket: 42);
        stop.OnQuote(Quote("1.09700", "1.09710"));

        var exit = stop.ExitOrder("C-EXIT", "ACC-1", "S-1");

        Assert.Equal((OrderSide.Sell, OrderType.Market, 0.5m, true, 42L, "EURUSD"),
            (exit.Side, exit.Type, exit.Quantity, exit.ReduceOnly, exit.PositionTicket, exit.Symbol));
        Assert.True(OrderRequestValidator.Validate(exit, Catalog(), T0).IsOk);
    }

    [Theory]
    [InlineData("0", "0", OrderRefusalReason.NonPositivePrice)]
    [InlineData("0.002", "-0.0001", OrderRefusalReason.NonPositivePrice)]
    [InlineData("0.000015", "0", OrderRefusalReason.PriceOffTick)]
    [InlineData("1.2", "0", OrderRefusalReason.NonPositivePrice)] // a long's stop would sit below zero
    public void TryCreate_BadDistanceOrStep_IsRefused(string distance, string step, OrderRefusalReason expected)
    {
        var result = TrailingStop.TryCreate(EurUsd, PositionSide.Long, 1m, P("1.1"), P(distance), P(step), null, out var stop);

        Assert.Equal(expected, result.Reason);
        Assert.Null(stop);
    }

    [Fact]
    public void TryCreate_ZeroQuantity_IsRefused() =>
        Assert.Equal(OrderRefusalReason.NonPositiveQuantity,
            TrailingStop.TryCreate(EurUsd, PositionSide.Long, 0m, P("1.1"), P("0.002"), P("0"), null, out _).Reason);
}
