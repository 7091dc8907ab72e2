using Plan2.Core.MarketData;
using Plan2.Core.Trading.Instruments;

namespace Plan2.Backtesting;

/// <summary>
/// The instrument a history file implies: a six-letter currency pair, quoted to 5 decimals (3 when
/// the price is 20 or more, as JPY pairs are), a standard 100,000 lot, and the run's swap points.
/// </summary>
public static class BacktestInstruments
{
    public static Instrument ForPair(string symbol, Price samplePrice, BacktestOptions options)
    {
        if (symbol.Length != 6 || !Currency.IsCode(symbol[..3]) || !Currency.IsCode(symbol[3..]))
            throw new BacktestException($"'{symbol}' is not a currency pair (six letters such as EURUSD): the backtester knows FX instruments only.");
        var digits = samplePrice.ToDouble() < 20 ? 5 : 3;
        long tick = 1;
        for (var i = digits; i < Price.Decimals; i++) tick *= 10;
        return new Instrument
        {
            Symbol = symbol,
            Digits = digits,
            TickSize = new Price(tick),
            BaseCurrency = symbol[..3],
            QuoteCurrency = symbol[3..],
            SwapLongPoints = options.SwapLongPoints,
            SwapShortPoints = options.SwapShortPoints,
        };
    }

    /// <summary>A pip is ten points on 5- and 3-digit quotes.</summary>
    public static Price Pips(Instrument instrument, decimal pips) =>
        Price.FromDecimal(pips * 10m * instrument.Point);
}
