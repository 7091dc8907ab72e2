using System.Globalization;
using System.Text.Json;

namespace Plan2.MarketData.Tests;

/// <summary>
/// <c>plan2 backtest</c> on real history, its figures recomputed here from the files it writes
/// (trades.csv, equity.csv) rather than trusted.
/// </summary>
public sealed class BacktestCliTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("plan2-backtest-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private async Task<(JsonElement Json, string Out)> RunAsync(string name, string file, params string[] extra)
    {
        var output = Path.Combine(_data, name);
        var run = await Plan2Command.RunAsync(_data, ["backtest", "--data", file, "--out", output, "--json", .. extra]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var last = run.Stdout.TrimEnd().Split('\n')[^1];
        return (JsonDocument.Parse(last).RootElement.Clone(), output);
    }

    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Ai_OnRealHistory_MetricsAgreeWithTheTradesAndEquityItWrote()
    {
        var (json, folder) = await RunAsync("ai", SharedData.Path("eurusd-m1-2017/DAT_ASCII_EURUSD_M1_201701.csv"),
            "--symbol", "EURUSD", "--strategy", "ai", "--models", SharedData.ShippedModels);

        foreach (var key in new[] { "total_return", "sharpe", "max_drawdown", "win_rate", "trades", "commissions", "ticks_per_second" })
            Assert.True(json.TryGetProperty(key, out _), key);
        var trades = File.ReadAllLines(Path.Combine(folder, "trades.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var equity = File.ReadAllLines(Path.Combine(folder, "equity.csv")).Skip(1).Select(l => l.Split(','))
            .Select(c => (Time: DateTimeOffset.Parse(c[0], CultureInfo.InvariantCulture), Equity: D(c[1]))).ToList();
        Assert.True(trades.Count > 10, $"only {trades.Count} trades");
        Assert.Equal(trades.Count, json.GetProperty("trades").GetInt32());
        Assert.True(json.GetProperty("predictions").GetInt64() > 30_000);

        // Every position is closed at the end, so the trades' net P&L is the whole change in equity.
        var net = trades.Sum(t => D(t[10]));
        Assert.All(trades, t => Assert.Equal(D(t[7]) + D(t[9]) - D(t[8]), D(t[10])));
        Assert.Equal(10_000m + net, equity[^1].Equity);
        Assert.Equal((double)(net / 10_000m), json.GetProperty("total_return").GetDouble(), 6);
        Assert.Equal(trades.Sum(t => D(t[8])), json.GetProperty("commissions").GetDecimal());
        Assert.Equal((double)trades.Count(t => D(t[10]) > 0) / trades.Count, json.GetProperty("win_rate").GetDouble(), 4);

        // Max drawdown from the equity series: the largest fall below a running peak (starting at 10,000).
        decimal peak = 10_000m, worst = 0m;
        foreach (var (_, e) in equity) { peak = Math.Max(peak, e); worst = Math.Max(worst, (peak - e) / peak); }
        Assert.Equal((double)worst, json.GetProperty("max_drawdown").GetDouble(), 6);
        Assert.InRange(json.GetProperty("max_drawdown").GetDouble(), 1e-6, 1.0);

        // Sharpe from the last equity of each UTC day.
        var daily = equity.GroupBy(p => p.Time.UtcDateTime.Date).Select(g => (double)g.Last().Equity).Prepend(10_000.0).ToList();
        var returns = daily.Zip(daily.Skip(1), (a, b) => (b - a) / a).ToList();
        var mean = returns.Average();
        var sd = Math.Sqrt(returns.Sum(r => (r - mean) * (r - mean)) / (returns.Count - 1));
        Assert.Equal(mean / sd * Math.Sqrt(252), json.GetProperty("sharpe").GetDouble(), 3);
        Assert.Equal(returns.Count, json.GetProperty("sharpe_days").GetInt32());

        foreach (var picture in new[] { "equity.png", "drawdown.png" })
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(folder, picture)).Take(4));
        var report = await File.ReadAllTextAsync(Path.Combine(folder, "report.md"));
        Assert.Equal(net < 0m, report.Contains("LOSES money after costs", StringComparison.Ordinal));
        Assert.Equal(net < 0m, json.GetProperty("loses_after_costs").GetBoolean());
    }

    [Fact]
    public async Task Costs_AreCharged_AFreeRunDoesBetter()
    {
        var file = SharedData.Path("mt-m1-2021/AUDUSD_M1.csv");
        string[] common = ["--symbol", "AUDUSD", "--strategy", "rsi-reversion", "--lots", "1"];

        var (costly, _) = await RunAsync("costly", file, common);
        var (free, _) = await RunAsync("free", file, [.. common, "--commission", "0", "--spread-pips", "0", "--swap-long", "0", "--swap-short", "0"]);

        Assert.True(costly.GetProperty("trades").GetInt32() > 10);
        Assert.True(costly.GetProperty("commissions").GetDecimal() > 0m);
        Assert.Equal(0m, free.GetProperty("commissions").GetDecimal());
        Assert.Equal(0m, free.GetProperty("swap").GetDecimal());
        Assert.True(free.GetProperty("total_return").GetDouble() > costly.GetProperty("total_return").GetDouble(),
            $"free {free.GetProperty("total_return")} vs with costs {costly.GetProperty("total_return")}");
    }

    [Theory]
    [InlineData("US500", "sma-cross", "currency pair")]
    [InlineData("EURUSD", "martingale", "martingale")]
    public async Task BadInput_IsRefusedWithAClearMessage(string symbol, string strategy, string expected)
    {
        var run = await Plan2Command.RunAsync(_data, "backtest", "--data", SharedData.Path("mt-m1-2021/AUDUSD_M1.csv"), "--symbol", symbol,
            "--strategy", strategy, "--out", Path.Combine(_data, "bad"), "--json");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(expected, run.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("total_return", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TickFile_TradesAtItsOwnBidAndAsk()
    {
        // A random walk with a spread of 1 to 3 pips, a tick every two seconds, in MT5's tick export format.
        var random = new Random(11);
        var start = new DateTime(2022, 11, 7, 8, 0, 0, DateTimeKind.Utc);
        var quotes = new Dictionary<string, (decimal Bid, decimal Ask)>();
        var lines = new List<string> { "<DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>" };
        var bid = 1.10000m;
        for (var i = 0; i < 40_000; i++)
        {
            bid += random.Next(-4, 5) * 0.00001m;
            var ask = bid + random.Next(10, 31) * 0.00001m;
            var t = start.AddSeconds(2 * i);
            quotes[t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)] = (bid, ask);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{t:yyyy.MM.dd}\t{t:HH:mm:ss.fff}\t{bid:0.00000}\t{ask:0.00000}\t\t\t6"));
        }
        var file = Path.Combine(_data, "EURUSD_ticks.csv");
        await File.WriteAllLinesAsync(file, lines);

        var (json, folder) = await RunAsync("ticks", file, "--symbol", "EURUSD", "--strategy", "rsi-reversion", "--lots", "1");

        Assert.Equal(40_000, json.GetProperty("ticks").GetInt64());
        var trades = File.ReadAllLines(Path.Combine(folder, "trades.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.True(trades.Count > 5, $"only {trades.Count} trades");
        foreach (var t in trades)
        {
            var (open, close) = (quotes[t[3]], quotes[t[5]]);
            var isLong = t[1] == "Long";
            Assert.Equal(isLong ? open.Ask : open.Bid, D(t[4])); // bought at the ask, sold at the bid
            Assert.Equal(isLong ? close.Bid : close.Ask, D(t[6]));
        }
        Assert.Contains("the file's own bid and ask", await File.ReadAllTextAsync(Path.Combine(folder, "report.md")), StringComparison.Ordinal);
    }
}
