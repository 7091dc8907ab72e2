using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Trading;
using Plan2.Core.Trading.Instruments;

namespace Plan2.Web.Services.Trading;

/// <summary>
/// A position's open P&amp;L at the live quote, in the account currency: what closing it now would realise
/// before costs (a long sells at the bid, a short buys at the ask).
/// </summary>
public static class PositionPnl
{
    public static decimal? At(PositionView position, QuoteView? quote, string accountCurrency, InstrumentCatalog catalog)
    {
        if (quote is null || !catalog.TryGet(position.Symbol, out var instrument))
            return null;
        var exit = position.Side == TradeSide.Buy ? quote.Bid : quote.Ask;
        var sign = position.Side == TradeSide.Buy ? 1m : -1m;
        var inQuoteCurrency = sign * (exit - position.AveragePrice) * position.Quantity * instrument.ContractSize;
        if (instrument.QuoteCurrency == accountCurrency)
            return Math.Round(inQuoteCurrency, 2);
        if (instrument.BaseCurrency == accountCurrency && exit != 0m)
            return Math.Round(inQuoteCurrency / exit, 2);
        return null; // would need a cross rate: the account view's total still includes it
    }
}

/// <summary>A position with the quote it is valued at and its open P&amp;L (null when it cannot be valued).</summary>
public sealed record PositionRow(PositionView Position, QuoteView? Quote, decimal? Pnl);
