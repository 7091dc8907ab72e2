using System.Globalization;
using System.Text;

namespace Plan2.MarketData.Tests;

/// <summary>
/// Files as the MetaTrader5 Python package's copy_rates_* frames look once saved with pandas, derived at
/// test time from the real USDCHF history (there is no metal, JPY or index history in ../shared/data):
/// every price multiplied into the instrument's range and written with its digits. The scales keep the
/// source's 5 decimals exact (×2000 → 2 digits, ×40000 → 1 digit), so derived series are the source
/// series times a constant; the yen scale (×125) rounds to 3 digits like a real JPY quote.
/// </summary>
public static class PythonExport
{
    public sealed record Instrument(string Symbol, decimal Scale, int Digits);

    public static readonly Instrument Gold = new("XAUUSD", 2000m, 2);
    public static readonly Instrument Yen = new("USDJPY", 125m, 3);
    public static readonly Instrument Index = new("US30", 40000m, 1);

    public const string Source = "mt-m1-2021/USDCHF_M1.csv";

    public static Instrument ByName(string symbol) => new[] { Gold, Yen, Index }.Single(i => i.Symbol == symbol);

    /// <summary>The price as the derived file holds it.</summary>
    public static decimal Scaled(Instrument instrument, decimal price) => Math.Round(price * instrument.Scale, instrument.Digits, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Writes {folder}/{symbol}_M1.csv. <paramref name="pandasTime"/>: time as pd.to_datetime writes it
    /// (YYYY-MM-DD HH:MM:SS) instead of the package's epoch seconds; <paramref name="index"/>: pandas' own
    /// unnamed index column first (to_csv without index=False).
    /// </summary>
    public static string Write(string folder, Instrument instrument, bool pandasTime = false, bool index = false)
    {
        var path = Path.Combine(folder, $"{instrument.Symbol}_M1.csv");
        var text = new StringBuilder();
        text.Append(index ? "," : "").Append("time,open,high,low,close,tick_volume,spread,real_volume\n");
        var row = 0;
        foreach (var line in File.ReadLines(SharedData.Path(Source)))
        {
            var f = line.Split(',');
            var time = DateTimeOffset.ParseExact(f[0], "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            if (index)
                text.Append(row).Append(',');
            text.Append(pandasTime ? time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            for (var k = 1; k <= 4; k++)
                text.Append(',').Append(Scaled(instrument, decimal.Parse(f[k], CultureInfo.InvariantCulture)).ToString("0.#####", CultureInfo.InvariantCulture));
            text.Append(',').Append(f[5]).Append(",18,0\n");
            row++;
        }
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
