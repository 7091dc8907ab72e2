using System.Globalization;
using Plan2.Grains.Trading;

namespace Plan2.Web.Services.Trading;

/// <summary>
/// A price written with its instrument's digits, as a terminal shows it: 0.62150, not 0.6215 (a quote keeps only the
/// digits its number needs, so one symbol's column changed width from tick to tick). Unknown symbols: as they come.
/// </summary>
public static class PriceText
{
    public static string Of(string symbol, decimal price) => TradingInstruments.Default.TryGet(symbol, out var instrument)
        ? price.ToString("F" + instrument.Digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
        : price.ToString(CultureInfo.InvariantCulture);

    public static string Of(string symbol, decimal? price) => price is { } p ? Of(symbol, p) : "–";
}
