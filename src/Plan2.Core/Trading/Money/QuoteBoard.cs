using Plan2.Core.MarketData;

namespace Plan2.Core.Trading.Money;

/// <summary>A simple in-memory <see cref="IQuoteSource"/>: the last quote set per symbol wins.</summary>
public sealed class QuoteBoard : IQuoteSource
{
    private readonly Dictionary<string, Tick> _quotes = new(StringComparer.Ordinal);

    public void Set(string symbol, Tick quote) => _quotes[symbol] = quote;

    public bool TryGetQuote(string symbol, out Tick quote) => _quotes.TryGetValue(symbol, out quote);
}
