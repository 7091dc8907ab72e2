using System.Globalization;
using System.Text;
using Plan2.Web.Tests.Infrastructure;

namespace Plan2.Web.Tests.Browser;

/// <summary>
/// A generated M1 history of a million bars (MetaTrader's export format) in the platform's backtest data folder:
/// a run on it takes minutes, so a test can cancel it while it surely runs. Written once per platform.
/// </summary>
internal static class LongHistory
{
    public const int Bars = 1_000_000;
    public const string Symbol = "GBPUSD";
    public const string Name = "generated/" + Symbol + "_M1.csv";
    private static readonly Lock Gate = new();

    /// <summary>The file's name as the Backtests page lists it.</summary>
    public static string Ensure(EmbeddedPlatform platform)
    {
        var path = Path.Combine(platform.HistoryDir, Name);
        lock (Gate)
        {
            if (File.Exists(path))
                return Name;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + ".tmp"; // not listed (.tmp): the page never sees half a file
            using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false), 1 << 20))
            {
                var random = new Random(21);
                var time = new DateTime(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc);
                var close = 1.25000m;
                for (var i = 0; i < Bars; i++, time = time.AddMinutes(1))
                {
                    var open = close;
                    close = Math.Max(0.5m, open + (random.Next(-20, 21) / 100_000m));
                    var high = Math.Max(open, close) + random.Next(0, 6) / 100_000m;
                    var low = Math.Min(open, close) - random.Next(0, 6) / 100_000m;
                    writer.Write(string.Create(CultureInfo.InvariantCulture, $"{time:yyyy-MM-dd HH:mm},{open:0.00000},{high:0.00000},{low:0.00000},{close:0.00000},{random.Next(1, 80)}\n"));
                }
            }
            File.Move(temp, path);
            return Name;
        }
    }
}
