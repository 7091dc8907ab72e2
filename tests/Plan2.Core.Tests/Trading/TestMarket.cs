using Plan2.Core.MarketData;
using Plan2.Core.Trading.Instruments;
using Plan2.Core.Trading.Money;

namespace Plan2.Core.Tests.Trading;

/// <summary>Instruments as an FX broker lists them, and quotes set by hand so every number in a test is visible.</summary>
internal static class TestMarket
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero); // a Wednesday

    public static readonly Instrument EurUsd = Fx("EURUSD", 5);
    public static readonly Instrument GbpUsd = Fx("GBPUSD", 5);
    public static readonly Instrument EurGbp = Fx("EURGBP", 5);
    public static readonly Instrument UsdJpy = Fx("USDJPY", 3);

    public static InstrumentCatalog Catalog() => new([EurUsd, GbpUsd, EurGbp, UsdJpy]);

    public static Instrument Fx(string symbol, int digits) => new()
    {
        Symbol = symbol,
        Digits = digits,
        TickSize = new Price(Price.UnitsPerOne / Pow10(digits)),
        BaseCurrency = symbol[..3],
        QuoteCurrency = symbol[3..],
    };

    public static Price P(string text) => Price.Parse(text);

    public static Tick Quote(string bid, string ask, DateTimeOffset? at = null) =>
        new((at ?? T0).ToUnixTimeMilliseconds(), P(bid), P(ask));

    /// <summary>A board with the given symbol/bid/ask triples.</summary>
    public static QuoteBoard Board(params (string Symbol, string Bid, string Ask)[] quotes)
    {
        var board = new QuoteBoard();
        foreach (var (symbol, bid, ask) in quotes)
            board.Set(symbol, Quote(bid, ask));
        return board;
    }

    private static long Pow10(int n)
    {
        long r = 1;
        for (var i = 0; i < n; i++) r *= 10;
        return r;
    }
}
