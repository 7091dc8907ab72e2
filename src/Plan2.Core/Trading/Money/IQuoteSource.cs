using Plan2.Core.MarketData;

namespace Plan2.Core.Trading.Money;

/// <summary>
/// The latest quote per symbol, as the caller knows it (live: the instrument grains' last ticks;
/// backtest: the replayed history). Symbols are six letters, base then quote: "USDJPY".
/// </summary>
public interface IQuoteSource
{
    bool TryGetQuote(string symbol, out Tick quote);
}
