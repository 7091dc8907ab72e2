using System.Globalization;
using System.Text.Json;
using Plan2.Core.Indicators;
using Plan2.Core.MarketData;
using Plan2.Storage.DuckDb;

namespace Plan2.MarketData.Tests;

public sealed class CliTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("plan2-cli-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task ImportJson_PrintsExactlyOneObject_WithTheAgreedKeys()
    {
        var file = Path.Combine(_data, "EURUSD_M1.csv");
        await File.WriteAllTextAsync(file,
            "2021-01-25 00:09,1.27244,1.27245,1.27235,1.2724,25\r\n" +
            "2021-01-25 00:10,1.27241,1.27258,1.27241,oops,57\r\n" +
            "2021-01-25 00:11,1.27253,1.27155,1.27246,1.27253,30\r\n" +
            "2021-01-25 00:12,1.27253,1.27255,1.27246,1.27253,30");

        var run = await Plan2Command.RunAsync(_data, "import", file, "--format", "mt-bars", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout); // throws if anything else is on stdout
        var root = json.RootElement;
        Assert.Equal(["read", "stored", "rejected", "bad_lines"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(4, root.GetProperty("read").GetInt64());
        Assert.Equal(2, root.GetProperty("stored").GetInt64());
        Assert.Equal(1, root.GetProperty("rejected").GetProperty("unparseable").GetInt64());
        Assert.Equal(1, root.GetProperty("rejected").GetProperty("high_below_low").GetInt64());
        Assert.Equal([2, 3], root.GetProperty("bad_lines").EnumerateArray().Select(b => b.GetProperty("line").GetInt32()));
    }

    [Fact]
    public async Task Import_RealHistory_SurvivesInTheEmbeddedStore_AndReimportDoesNotDuplicate()
    {
        var file = SharedData.Path("mt-m1-2021/AUDUSD_M1.csv");

        var first = await Plan2Command.RunAsync(_data, "import", file);
        var second = await Plan2Command.RunAsync(_data, "import", file, "--json");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("stored", first.Stdout);
        Assert.Equal(0, second.ExitCode);
        await using var store = await DuckDbTickStore.OpenAsync(Path.Combine(_data, "market.duckdb"));
        var series = await store.ListSeriesAsync();
        Assert.Equal(50_000, series.Single(s => s is { Symbol: "AUDUSD", Timeframe: Timeframe.M1 }).Rows);
        Assert.Contains(series, s => s is { Symbol: "AUDUSD", Timeframe: Timeframe.D1 });
    }

    [Fact]
    public async Task Import_MissingFile_FailsWithAClearMessage()
    {
        var run = await Plan2Command.RunAsync(_data, "import", Path.Combine(_data, "nope.csv"), "--json");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("no such file", run.Stderr);
        Assert.Equal("", run.Stdout.Trim());
    }

    [Fact]
    public async Task Import_UnrecognisableFile_FailsWithAClearMessage()
    {
        var file = Path.Combine(_data, "EURUSD_M1.csv");
        await File.WriteAllBytesAsync(file, [0x50, 0x4B, 0x03, 0x04, 0x00, 0xFF, 0x10]);

        var run = await Plan2Command.RunAsync(_data, "import", file);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("not recognised", run.Stderr);
    }

    [Fact]
    public async Task Indicators_H1FromM1_OneRowPerClosedCandle_MatchingTheLibraryDirectly()
    {
        var file = SharedData.Path("mt-m1-2021/USDCHF_M1.csv");

        var run = await Plan2Command.RunAsync(_data, "indicators", file, "--symbol", "USDCHF", "--timeframe", "H1");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("time,open,high,low,close,sma20,ema20,rsi14,macd,macd_signal,macd_hist,bb_upper,bb_middle,bb_lower,atr14", lines[0]);
        // Row 1 has no SMA yet; row 20 is the first with one.
        Assert.Equal("", lines[1].Split(',')[5]);
        Assert.NotEqual("", lines[20].Split(',')[5]);
        // Every row's RSI equals the Core library fed the same H1 candles.
        var set = new IndicatorSet();
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            var time = DateTimeOffset.Parse(f[0], CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
            set.Update(new Candle(time, Price.Parse(f[1]), Price.Parse(f[2]), Price.Parse(f[3]), Price.Parse(f[4])));
            var rsi = set.Current.Rsi14;
            Assert.Equal(double.IsNaN(rsi) ? "" : rsi.ToString("0.##########", CultureInfo.InvariantCulture), f[7]);
        }
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("import", "--help")]
    [InlineData("indicators", "--help")]
    [InlineData("bench", "--help")]
    [InlineData("bench", "indicators", "--help")]
    [InlineData("bench", "store", "--help")]
    public async Task EveryCommand_HasHelp(params string[] args)
    {
        var run = await Plan2Command.RunAsync(_data, args);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Stdout);
    }
}
