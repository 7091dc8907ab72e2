using Plan2.Core.MarketData;
using Plan2.Core.Trading.Instruments;
using Plan2.Core.Trading.Orders;

namespace Plan2.Core.Execution;

/// <summary>
/// Where a quote lets an order trade. A buy takes the ask and a sell the bid, plus adverse slippage
/// for market-priced fills; a limit never fills worse than its limit. Stops are touched by the side
/// they would trade at (a buy stop by the ask rising to it, a sell stop by the bid falling to it), as MT5 does.
/// </summary>
public static class FillPricing
{
    /// <summary>Has the quote reached the stop's trigger price?</summary>
    public static bool IsTriggered(OrderSide side, Price trigger, in Tick quote) =>
        side == OrderSide.Buy ? quote.Ask >= trigger : quote.Bid <= trigger;

    /// <summary>Adverse slippage for one fill: fixed ticks plus a fraction of the spread rounded up to ticks.</summary>
    public static Price Slippage(in Tick quote, Instrument instrument, PaperFillSettings settings)
    {
        var tick = instrument.TickSize.Units;
        var ticks = (long)settings.SlippageTicks;
        if (settings.SlippageSpreadFraction > 0m && quote.Ask > quote.Bid)
            ticks += (long)decimal.Ceiling(settings.SlippageSpreadFraction * (quote.Ask.Units - quote.Bid.Units) / tick);
        return new Price(ticks * tick);
    }

    /// <summary>
    /// The fill price on this quote, or null when a limit (or a triggered stop-limit) is not marketable.
    /// Market and triggered stop orders: ask + slippage to buy, bid − slippage to sell (never below one tick).
    /// Limits: that price capped at the limit, so a gap through the limit gives the better market price.
    /// </summary>
    public static Price? ExecutablePrice(OrderType type, OrderSide side, Price? limit, in Tick quote, Instrument instrument, PaperFillSettings settings)
    {
        var slip = Slippage(quote, instrument, settings);
        var market = side == OrderSide.Buy ? quote.Ask + slip : Price.Max(quote.Bid - slip, instrument.TickSize);
        if (type is OrderType.Market or OrderType.Stop)
            return market;
        var l = limit ?? throw new ArgumentException($"A {type} order needs a limit price.", nameof(limit));
        if (side == OrderSide.Buy)
            return quote.Ask <= l ? Price.Min(market, l) : null;
        return quote.Bid >= l ? Price.Max(market, l) : null;
    }
}
