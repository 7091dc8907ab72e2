using Plan2.Core.MarketData;
using Plan2.Core.Trading.Instruments;
using Plan2.Core.Trading.Money;

namespace Plan2.Core.Trading.Positions;

/// <summary>
/// Marks open positions to the current quotes, in account currency. A long is valued at the bid
/// and a short at the ask: the price it could be closed at now, so the spread is a visible cost.
/// </summary>
public static class PositionValuation
{
    /// <summary>lots × contract size × (close price − average open) × side, converted and rounded to cents.</summary>
    public static bool TryUnrealizedPnl(Position position, Instrument instrument, Tick quote, CurrencyConverter converter, string accountCurrency, out decimal pnl)
    {
        pnl = 0m;
        if (!converter.TryGetRate(instrument.QuoteCurrency, accountCurrency, out var rate))
            return false;
        var close = position.Side == PositionSide.Long ? quote.Bid : quote.Ask;
        var inQuote = position.Quantity * instrument.ContractSize * (close.ToDecimal() - position.AveragePrice) * position.Side.Sign();
        pnl = MoneyRounding.Book(rate.Apply(inQuote));
        return true;
    }

    /// <summary>One position at the quote of now; null when its instrument, a quote or a rate is missing.</summary>
    public static decimal? UnrealizedPnl(Position position, InstrumentCatalog catalog, IQuoteSource quotes, CurrencyConverter converter, string accountCurrency) =>
        catalog.TryGet(position.Symbol, out var instrument) && quotes.TryGetQuote(position.Symbol, out var quote)
        && TryUnrealizedPnl(position, instrument, quote, converter, accountCurrency, out var pnl) ? pnl : null;

    /// <summary>Sum over the book; false (and 0) if any open position lacks an instrument, a quote or a rate.</summary>
    public static bool TryUnrealizedPnl(PositionBook book, InstrumentCatalog catalog, IQuoteSource quotes, CurrencyConverter converter, out decimal total)
    {
        total = 0m;
        foreach (var p in book.Open)
        {
            if (UnrealizedPnl(p, catalog, quotes, converter, book.AccountCurrency) is not { } pnl)
            {
                total = 0m;
                return false;
            }
            total += pnl;
        }
        return true;
    }

    /// <summary>
    /// Gross exposure: Σ lots × contract size × mid over open positions, in account currency, each rounded to cents as
    /// P&amp;L is (unrounded, lots × size × mid carried every digit of the mid: "52590.5000000" in the API), long and short
    /// both counted positive (a hedged pair is still two exposures at the venue).
    /// </summary>
    public static bool TryGrossExposure(PositionBook book, InstrumentCatalog catalog, IQuoteSource quotes, CurrencyConverter converter, out decimal exposure)
    {
        exposure = 0m;
        foreach (var p in book.Open)
        {
            if (!catalog.TryGet(p.Symbol, out var instrument) || !quotes.TryGetQuote(p.Symbol, out var quote)
                || !converter.TryGetRate(instrument.QuoteCurrency, book.AccountCurrency, out var rate))
            {
                exposure = 0m;
                return false;
            }
            var mid = (quote.Bid.Units + quote.Ask.Units) / (2m * Price.UnitsPerOne);
            exposure += MoneyRounding.Book(rate.Apply(p.Quantity * instrument.ContractSize * mid));
        }
        return true;
    }
}
