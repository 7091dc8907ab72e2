using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Plan2.Core.MarketData;
using Plan2.MarketData.Import;

namespace Plan2.MarketData.Tests;

/// <summary>
/// MT5 Python exports (copy_rates_* frames saved as CSV) through import, indicators and evaluate, for
/// each instrument class: a metal (2 digits, thousands), a JPY pair (3 digits) and an index.
/// </summary>
public sealed class PythonExportTests : IDisposable
{
    private static readonly TimeProvider Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));
    private readonly string _data = Directory.CreateTempSubdirectory("plan2-pyexport-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Theory]
    [InlineData("time,open,high,low,close,tick_volume,spread,real_volume")]
    [InlineData(",time,open,high,low,close,tick_volume,spread,real_volume")]
    [InlineData("index,time,open,high,low,close,tick_volume,spread,real_volume")]
    [InlineData("time,open,high,low,close")]
    public void Header_RecognisedAsMt5Python(string header) => Assert.Equal(ImportFormat.Mt5Python, FormatDetector.Detect(header));

    [Theory]
    [InlineData("XAUUSD", false, false)]
    [InlineData("USDJPY", true, true)]
    [InlineData("US30", false, true)]
    public async Task Import_EveryInstrumentClass_EveryBarStored(string symbol, bool pandasTime, bool index)
    {
        var instrument = PythonExport.ByName(symbol);
        var file = PythonExport.Write(_data, instrument, pandasTime, index);

        var run = await Plan2Command.RunAsync(_data, "import", file, "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(50_000, json.RootElement.GetProperty("read").GetInt64());
        Assert.Equal(50_000, json.RootElement.GetProperty("stored").GetInt64());
        Assert.Empty(json.RootElement.GetProperty("rejected").EnumerateObject());
    }

    [Fact]
    public async Task EpochSecondsAndPandasTimes_WithOrWithoutIndex_SameBars_PricesExact()
    {
        var epoch = await ImportAsync(PythonExport.Write(Directory.CreateDirectory(Path.Combine(_data, "a")).FullName, PythonExport.Gold));
        var pandas = await ImportAsync(PythonExport.Write(Directory.CreateDirectory(Path.Combine(_data, "b")).FullName, PythonExport.Gold, true, true));

        Assert.Equal(50_000, epoch.Count);
        Assert.Equal(epoch, pandas);
        // First source line: "2021-01-22 19:16,0.88568,0.88568,0.88566,0.88568,41", times 2000.
        var at = new DateTimeOffset(2021, 1, 22, 19, 16, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        Assert.Equal(new Candle(at, Price.Parse("1771.36"), Price.Parse("1771.36"), Price.Parse("1771.32"), Price.Parse("1771.36"), 41), epoch[0]);
    }

    [Fact]
    public async Task PythonExport_OnTheBrokersClock_ShiftedByTheGivenOffset()
    {
        var text = "time,open,high,low,close,tick_volume,spread,real_volume\n1611342960,1771.36,1771.36,1771.32,1771.36,41,18,0\n";
        var sink = new CollectingSink();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await MarketDataImporter.RunAsync(stream, new ImportSettings(ImportFormat.Mt5Python, "XAUUSD", TimeSpan.FromHours(2)), sink, Clock);

        Assert.Equal(1611342960_000L - 7_200_000, Assert.Single(sink.Bars).OpenTimeMs);
    }

    [Theory]
    [InlineData("1611342960")]
    [InlineData("2021-01-22 19:16:00")]
    [InlineData("2021-01-22 19:16:00+00:00")]
    [InlineData("2021-01-22T19:16:00Z")]
    [InlineData("2021-01-22 19:16")]
    public async Task PythonTimeSpellings_SameInstant(string time)
    {
        var text = $"time,open,high,low,close,tick_volume,spread,real_volume\n{time},1771.36,1771.36,1771.32,1771.36,41,18,0\n";
        var sink = new CollectingSink();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await MarketDataImporter.RunAsync(stream, new ImportSettings(ImportFormat.Mt5Python, "XAUUSD", TimeSpan.Zero), sink, Clock);

        Assert.Equal(1611342960_000L, Assert.Single(sink.Bars).OpenTimeMs);
    }

    [Fact]
    public async Task PythonFormat_WithAnotherHeader_RefusedClearly()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("2021-01-25 00:09,1.27244,1.27245,1.27235,1.2724,25\n"));
        var refused = await Assert.ThrowsAsync<InvalidDataException>(() =>
            MarketDataImporter.RunAsync(stream, new ImportSettings(ImportFormat.Mt5Python, "X", TimeSpan.Zero), new CollectingSink(), Clock));
        Assert.Contains("--format mt-bars", refused.Message);
    }

    [Fact]
    public async Task Indicators_OnGold_AreTheSourcePairsScaled_OscillatorsIdentical()
    {
        var gold = PythonExport.Write(_data, PythonExport.Gold);

        var metal = await Plan2Command.RunAsync(_data, "indicators", gold, "--timeframe", "H1");
        var source = await Plan2Command.RunAsync(_data, "indicators", SharedData.Path(PythonExport.Source), "--symbol", "USDCHF", "--timeframe", "H1");

        Assert.True(metal.ExitCode == 0, metal.Stderr);
        var m = Rows(metal.Stdout);
        var s = Rows(source.Stdout);
        Assert.Equal(s.Count, m.Count);
        Assert.True(m.Count > 700);
        for (var i = 0; i < m.Count; i++)
        {
            Assert.Equal(s[i][0], m[i][0]);
            // Prices, averages, MACD, bands, ATR: times 2000 (the CSV's 10 decimals of the source, times 2000, bound the error).
            foreach (var col in new[] { 1, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14 })
                AssertClose(Value(s[i][col]) * 2000, Value(m[i][col]), 1e-6);
            foreach (var col in new[] { 7, 15, 16, 17, 18, 19, 20, 21 }) // RSI, stochastics, ADX, DI, CCI, %R: scale-free
                AssertClose(Value(s[i][col]), Value(m[i][col]), 1e-6);
        }
    }

    [Fact]
    public async Task Evaluate_ShippedModels_OnAMetal_WithoutRetraining_ScoresAsOnTheSourcePair()
    {
        var gold = PythonExport.Write(_data, PythonExport.Gold);

        var metal = await Plan2Command.RunAsync(_data, "evaluate", "--data", gold, "--models", SharedData.ShippedModels, "--json");
        var source = await Plan2Command.RunAsync(_data, "evaluate", "--data", SharedData.Path(PythonExport.Source), "--models", SharedData.ShippedModels, "--json");

        Assert.True(metal.ExitCode == 0, metal.Stderr);
        using var m = JsonDocument.Parse(metal.Stdout);
        using var s = JsonDocument.Parse(source.Stdout);
        Assert.Equal(s.RootElement.GetProperty("rows").GetInt64(), m.RootElement.GetProperty("rows").GetInt64());
        // Features are scale-free: the same bars times 2000 give the same predictions (float rounding aside).
        foreach (var name in new[] { "accuracy", "log_loss", "brier", "ic" })
            AssertClose(s.RootElement.GetProperty("ensemble").GetProperty(name).GetDouble(), m.RootElement.GetProperty("ensemble").GetProperty(name).GetDouble(), 2e-4);
        Assert.True(s.RootElement.GetProperty("rows").GetInt64() > 40_000);
    }

    [Theory]
    [InlineData("XAUUSD")]
    [InlineData("USDJPY")]
    [InlineData("US30")]
    public async Task TickValidation_AtTheInstrumentsScale_AcceptsItsMoves_RefusesASpike(string symbol)
    {
        var instrument = PythonExport.ByName(symbol);
        var bars = await ImportAsync(PythonExport.Write(_data, instrument));
        var validator = new TickValidator(TickValidationOptions.Default, Clock);
        var spread = Price.FromDecimal(PythonExport.Scaled(instrument, 0.00002m));
        var source = new TickValidator(TickValidationOptions.Default, Clock);
        foreach (var line in File.ReadLines(SharedData.Path(PythonExport.Source)).Take(5_000))
        {
            var f = line.Split(',');
            var t = DateTimeOffset.ParseExact(f[0], "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeMilliseconds();
            source.Validate(new Tick(t, Price.Parse(f[4]), Price.Parse(f[4]) + Price.Parse("0.00002")));
        }

        foreach (var bar in bars.Take(5_000))
            validator.Validate(new Tick(bar.OpenTimeMs, bar.Close, bar.Close + spread));
        var last = bars[4_999];
        var spike = validator.Validate(new Tick(last.OpenTimeMs + 1_000, Price.FromDouble(last.Close.ToDouble() * 1.05)!.Value,
            Price.FromDouble(last.Close.ToDouble() * 1.05)!.Value + spread));

        Assert.Equal(source.Accepted, validator.Accepted); // the spike rule is relative: the same ticks pass at any scale
        Assert.Equal(TickRejectReason.Spike, spike);
    }

    private static async Task<List<Candle>> ImportAsync(string path)
    {
        var sink = new CollectingSink();
        await using var stream = File.OpenRead(path);
        var report = await MarketDataImporter.RunAsync(stream, new ImportSettings(ImportFormat.Mt5Python, "X", TimeSpan.Zero), sink, Clock);
        Assert.Equal(0, report.RejectedTotal);
        return sink.Bars;
    }

    private static List<string[]> Rows(string csv) => csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();

    private static double Value(string cell) => cell.Length == 0 ? double.NaN : double.Parse(cell, CultureInfo.InvariantCulture);

    private static void AssertClose(double expected, double actual, double tolerance)
    {
        if (double.IsNaN(expected))
        {
            Assert.True(double.IsNaN(actual), $"expected empty, got {actual}");
            return;
        }
        Assert.True(Math.Abs(expected - actual) <= tolerance + 1e-12 * Math.Abs(expected), $"expected {expected}, got {actual}");
    }
}
