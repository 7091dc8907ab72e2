using System.Globalization;
using Plan2.Core.MarketData;

namespace Plan2.Core.Tests.Patterns;

/// <summary>
/// 50,000 real USDCAD M1 bars from the shared data beside the checkout (never copied into the repo).
/// Rows are <c>YYYY-MM-DD HH:MM,open,high,low,close,volume</c> with CRLF; times are broker server time,
/// read as UTC because only their order matters here.
/// </summary>
internal static class UsdCadHistory
{
    private static readonly Lazy<Candle[]> Loaded = new(Load);

    public static Candle[] Bars => Loaded.Value;

    private static Candle[] Load()
    {
        var path = Path.Combine(FindSharedData(), "mt-m1-2021", "USDCAD_M1.csv");
        var bars = new List<Candle>(50_000);
        foreach (var line in File.ReadLines(path)) // ReadLines strips the CR of CRLF
        {
            if (line.Length == 0)
                continue;
            var f = line.Split(',');
            var time = DateTime.ParseExact(f[0], "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            bars.Add(new Candle(new DateTimeOffset(time).ToUnixTimeMilliseconds(),
                Price.Parse(f[1]), Price.Parse(f[2]), Price.Parse(f[3]), Price.Parse(f[4]), Volume: double.Parse(f[5], CultureInfo.InvariantCulture)));
        }
        return bars.ToArray();
    }

    private static string FindSharedData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (File.Exists(Path.Combine(candidate, "SOURCES.md")))
                return candidate;
        }
        throw new InvalidOperationException("shared/data/SOURCES.md not found above " + AppContext.BaseDirectory);
    }
}
