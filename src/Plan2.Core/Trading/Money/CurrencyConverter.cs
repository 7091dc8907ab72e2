using Plan2.Core.MarketData;

namespace Plan2.Core.Trading.Money;

/// <summary>
/// Converts money between currencies with the quotes the caller provides. A rate from A to B is found,
/// in this order: A = B (1); the pair AB (multiply by its price); the pair BA (divide by its price);
/// then a cross through each pivot currency P (USD, then EUR by default): A→P and P→B, each found
/// directly or inverted as above. So EURGBP P&amp;L (in GBP) reaches a USD account through GBPUSD,
/// USDJPY P&amp;L (in JPY) through USDJPY inverted, and CHF to a SEK account through USDCHF and USDSEK.
/// Prices are the quote's mid, (bid + ask) / 2, so a profit and an equal loss convert to equal and
/// opposite amounts. An inverted pair divides by its price (see <see cref="ConversionRate"/>); nothing is rounded here.
/// </summary>
public sealed class CurrencyConverter(IQuoteSource quotes, IReadOnlyList<string>? pivots = null)
{
    private static readonly string[] DefaultPivots = ["USD", "EUR"];
    private readonly IReadOnlyList<string> _pivots = pivots ?? DefaultPivots;

    /// <summary>A converter that knows one quote only: a fill is booked at the rate of its own symbol's quote then.</summary>
    public static CurrencyConverter AtQuote(string symbol, Tick quote)
    {
        var board = new QuoteBoard();
        board.Set(symbol, quote);
        return new CurrencyConverter(board);
    }

    public bool TryConvert(decimal amount, string from, string to, out decimal converted)
    {
        if (TryGetRate(from, to, out var rate))
        {
            converted = rate.Apply(amount);
            return true;
        }
        converted = 0m;
        return false;
    }

    /// <summary>How many units of <paramref name="to"/> one unit of <paramref name="from"/> is worth.</summary>
    public bool TryGetRate(string from, string to, out ConversionRate rate)
    {
        if (TryDirect(from, to, out rate))
            return true;
        foreach (var pivot in _pivots)
        {
            if (pivot == from || pivot == to)
                continue;
            if (TryDirect(from, pivot, out var first) && TryDirect(pivot, to, out var second))
            {
                rate = first.Then(second);
                return true;
            }
        }
        rate = default;
        return false;
    }

    private bool TryDirect(string from, string to, out ConversionRate rate)
    {
        if (string.Equals(from, to, StringComparison.Ordinal))
        {
            rate = ConversionRate.One;
            return true;
        }
        if (TryMid(string.Concat(from, to), out var mid))
        {
            rate = new ConversionRate(mid, 1m);
            return true;
        }
        if (TryMid(string.Concat(to, from), out mid))
        {
            rate = new ConversionRate(1m, mid);
            return true;
        }
        rate = default;
        return false;
    }

    private bool TryMid(string symbol, out decimal mid)
    {
        if (quotes.TryGetQuote(symbol, out var q) && q.Bid.IsPositive && q.Ask.IsPositive)
        {
            mid = (q.Bid.Units + q.Ask.Units) / (2m * Price.UnitsPerOne);
            return true;
        }
        mid = 0m;
        return false;
    }
}
