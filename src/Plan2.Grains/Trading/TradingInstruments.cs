using Plan2.Core.MarketData;
using Plan2.Core.Trading.Instruments;

namespace Plan2.Grains.Trading;

/// <summary>
/// The instruments accounts may trade until venues report their own symbol specifications (MT5's
/// SymbolInfo): FX majors and two crosses at broker precision, 100,000 units a lot, 0.01 lot steps,
/// trading days that roll at 22:00 UTC (a DAY order ends there).
/// </summary>
public static class TradingInstruments
{
    public static InstrumentCatalog Default { get; } = new(
    [
        Fx("EURUSD"), Fx("GBPUSD"), Fx("AUDUSD"), Fx("NZDUSD"), Fx("USDCHF"), Fx("USDCAD"), Fx("EURGBP"),
        Fx("USDJPY", digits: 3), Fx("EURJPY", digits: 3),
    ]);

    private static Instrument Fx(string symbol, int digits = 5) => new()
    {
        Symbol = symbol,
        Digits = digits,
        TickSize = Price.FromDecimal(digits == 3 ? 0.001m : 0.00001m),
        BaseCurrency = symbol[..3],
        QuoteCurrency = symbol[3..],
        Hours = Core.Risk.TradingHours.ForexDays,
    };
}
