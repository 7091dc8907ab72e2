using System.Text;
using Microsoft.Extensions.Time.Testing;
using Plan2.Core.MarketData;
using Plan2.MarketData.Import;

namespace Plan2.MarketData.Tests;

public class ImporterTests
{
    private static readonly TimeProvider Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));

    private static long Utc(int y, int mo, int d, int h, int mi, int s = 0, int ms = 0) =>
        new DateTimeOffset(y, mo, d, h, mi, s, ms, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static async Task<(ImportReport Report, CollectingSink Sink)> ImportTextAsync(string text, ImportFormat format, double utcOffsetHours = 0)
    {
        var sink = new CollectingSink();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var report = await MarketDataImporter.RunAsync(stream, new ImportSettings(format, "TEST", TimeSpan.FromHours(utcOffsetHours)), sink, Clock);
        return (report, sink);
    }

    private static async Task<(ImportReport Report, CollectingSink Sink)> ImportFileAsync(string path, ImportFormat format)
    {
        var sink = new CollectingSink();
        await using var stream = File.OpenRead(path);
        var report = await MarketDataImporter.RunAsync(stream, new ImportSettings(format, "TEST", format.DefaultUtcOffset()), sink, Clock);
        return (report, sink);
    }

    [Fact]
    public async Task HistDataFile_AllBarsStored_TimesShiftedFromEstToUtc_PricesExact()
    {
        var (report, sink) = await ImportFileAsync(SharedData.Path("eurusd-m1-2017/DAT_ASCII_EURUSD_M1_201701.csv"), ImportFormat.M1Bars);

        Assert.Equal((31_500L, 31_500L, 0L), (report.Read, report.Stored, report.RejectedTotal));
        // First line: "20170102 020000;1.051550;1.051970;1.051550;1.051900;0" at EST, fixed UTC-5.
        Assert.Equal(new Candle(Utc(2017, 1, 2, 7, 0), Price.Parse("1.05155"), Price.Parse("1.05197"), Price.Parse("1.05155"), Price.Parse("1.0519")),
            sink.Bars[0]);
        Assert.True(sink.Completed);
    }

    [Fact]
    public async Task MtBarFile_CrlfAndNoFinalNewline_EveryLineStored()
    {
        var path = SharedData.Path("mt-m1-2021/USDCAD_M1.csv");
        var lastLine = File.ReadLines(path).Last();

        var (report, sink) = await ImportFileAsync(path, ImportFormat.MtBars);

        Assert.Equal(50_000, report.Stored);
        Assert.Equal(0, report.RejectedTotal);
        // e.g. "2021-03-12 …,1.24733,1.24733,1.24733,1.24733,11": the last line, without a newline, is not lost.
        var fields = lastLine.Split(',');
        Assert.Equal(Price.Parse(fields[4]), sink.Bars[^1].Close);
        Assert.Equal(long.Parse(fields[5]), sink.Bars[^1].TickCount);
    }

    [Fact]
    public async Task Mt5Ticks_EmptyPricesCarryForward_CrlfAccepted()
    {
        const string text =
            "<DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>\r\n" +
            "2022.11.10\t15:00:00.017\t0.86682\t0.86712\t\t\t6\r\n" +
            "2022.11.10\t15:00:00.120\t\t0.86715\t\t\t4\r\n" +
            "2022.11.10\t15:00:00.120\t0.86685\t\t\t\t2";

        var (report, sink) = await ImportTextAsync(text, ImportFormat.Mt5Ticks);

        Assert.Equal((3L, 3L), (report.Read, report.Stored));
        Assert.Equal(
            [
                new Tick(Utc(2022, 11, 10, 15, 0, 0, 17), Price.Parse("0.86682"), Price.Parse("0.86712")),
                new Tick(Utc(2022, 11, 10, 15, 0, 0, 120), Price.Parse("0.86682"), Price.Parse("0.86715")),
                new Tick(Utc(2022, 11, 10, 15, 0, 0, 120), Price.Parse("0.86685"), Price.Parse("0.86715")),
            ],
            sink.Ticks);
    }

    [Fact]
    public async Task Mt5Ticks_BadLines_AreReportedWithLineNumbersAndReasons_RestImported()
    {
        const string text =
            "<DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>\n" +
            "2022.11.10\t15:00:00.000\t\t0.86712\t\t\t4\n" +          // 2: no bid to carry
            "2022.11.10\t15:00:00.017\t0.86682\t0.86712\t\t\t6\n" +   // 3: fine
            "2022.11.10\t15:00:00.018\t0.8x682\t0.86712\t\t\t6\n" +   // 4: unparseable price
            "2022.11.10\t15:00:00.019\t0.86799\t0.86712\t\t\t6\n" +   // 5: bid above ask
            "2022.11.10\t14:59:59.000\t0.86682\t0.86712\t\t\t6\n" +   // 6: out of order
            "2022.13.10\t15:00:00.020\t0.86682\t0.86712\t\t\t6\n" +   // 7: no month 13
            "2022.11.10\t15:00:00.021\tNaN\t0.86712\t\t\t6\n" +       // 8: NaN is not a price
            "2022.11.10\t15:00:00.022\t-0.86682\t0.86712\t\t\t6\n" +  // 9: negative
            "2022.11.10\t15:00:00.023\t0.86683\t0.86713\t\t\t6\n";    // 10: fine

        var (report, sink) = await ImportTextAsync(text, ImportFormat.Mt5Ticks);

        Assert.Equal((9L, 2L), (report.Read, report.Stored));
        Assert.Equal(new Dictionary<string, long>
        {
            ["unparseable"] = 4, ["bid_above_ask"] = 1, ["out_of_order"] = 1, ["non_positive_price"] = 1,
        }, report.Rejected);
        Assert.Equal([2L, 4, 5, 6, 7, 8, 9], report.BadLines.Select(b => b.Line));
        Assert.Contains("bid is empty", report.BadLines[0].Reason);
        Assert.Contains("0.8x682", report.BadLines[1].Reason);
        Assert.Equal(2, sink.Ticks.Count);
    }

    [Fact]
    public async Task Mt5Bars_ImpossibleAndRepeatedBars_AreRejected()
    {
        const string text =
            "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n" +
            "2024.03.04\t10:00:00\t1.1\t1.2\t1.0\t1.15\t10\t0\t5\n" +
            "2024.03.04\t10:01:00\t1.1\t1.0\t1.2\t1.15\t10\t0\t5\n" +  // 3: high below low
            "2024.03.04\t10:00:00\t1.1\t1.2\t1.0\t1.15\t10\t0\t5\n" +  // 4: same time again
            "2024.03.04\t09:59:00\t1.1\t1.2\t1.0\t1.15\t10\t0\t5\n" +  // 5: earlier
            "2024.03.04\t10:02:00\t0\t1.2\t1.0\t1.15\t10\t0\t5\n" +    // 6: zero open
            "2024.03.04\t10:03:00\t1.1\t1.2\t1.0\t1.25\t10\t0\t5\n" +  // 7: close above high
            "2099.03.04\t10:04:00\t1.1\t1.2\t1.0\t1.15\t10\t0\t5\n" +  // 8: future
            "2024.03.04\t10:05:00\t1.1\t1.2\t1.0\t1.15\t10\t0\t5";

        var (report, sink) = await ImportTextAsync(text, ImportFormat.Mt5Bars);

        Assert.Equal(2, report.Stored);
        Assert.Equal(new Dictionary<string, long>
        {
            ["high_below_low"] = 1, ["duplicate_time"] = 1, ["out_of_order"] = 1, ["non_positive_price"] = 1,
            ["high_below_open_or_close"] = 1, ["in_future"] = 1,
        }, report.Rejected);
        Assert.Equal([3L, 4, 5, 6, 7, 8], report.BadLines.Select(b => b.Line));
        Assert.Equal(10, sink.Bars[0].TickCount);
    }

    [Fact]
    public async Task ServerTimeOffset_IsSubtractedToGetUtc()
    {
        var (_, sink) = await ImportTextAsync("2021-01-25 02:09,1.27244,1.27245,1.27235,1.2724,25", ImportFormat.MtBars, utcOffsetHours: 2);

        Assert.Equal(Utc(2021, 1, 25, 0, 9), sink.Bars.Single().OpenTimeMs);
    }

    [Fact]
    public async Task HeaderOfAnotherFormat_FailsWithAHint()
    {
        var e = await Assert.ThrowsAsync<InvalidDataException>(() =>
            ImportTextAsync("<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n", ImportFormat.Mt5Ticks));

        Assert.Contains("--format mt5-bars", e.Message);
    }

    [Fact]
    public async Task GarbageAndEmptyLines_NeverThrow()
    {
        var (report, _) = await ImportTextAsync("\n\n;;;;\n\u0000\u0001binary\n20170102 020000;1.1\n", ImportFormat.M1Bars);

        Assert.Equal(3, report.Read);
        Assert.Equal(3, report.Rejected["unparseable"]);
    }

    [Fact]
    public async Task LargeNonSeekableStream_IsImportedLineByLine()
    {
        // 600k ticks generated on the fly: the file never exists whole, in memory or on disk.
        const int lines = 600_000;
        var sink = new CountingSink();
        await using var stream = new GeneratedTickStream(lines);

        var report = await MarketDataImporter.RunAsync(stream, new ImportSettings(ImportFormat.Mt5Ticks, "GEN", TimeSpan.Zero), sink, Clock);

        Assert.Equal((lines, lines), (report.Read, report.Stored));
        Assert.Equal(lines, sink.Ticks);
    }

    [Theory]
    [InlineData("20170102 020000;1.051550;1.051970;1.051550;1.051900;0", ImportFormat.M1Bars)]
    [InlineData("2021-01-25 00:09,1.27244,1.27245,1.27235,1.2724,25", ImportFormat.MtBars)]
    [InlineData("<DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>", ImportFormat.Mt5Ticks)]
    [InlineData("<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>", ImportFormat.Mt5Bars)]
    public void Detect_KnowsEveryFormatByItsFirstLine(string firstLine, ImportFormat expected) =>
        Assert.Equal(expected, FormatDetector.Detect(firstLine));

    [Theory]
    [InlineData("DAT_ASCII_EURUSD_M1_201701.csv", "EURUSD")]
    [InlineData("USDCAD_M1.csv", "USDCAD")]
    [InlineData("EURUSD.m_M5_202201030000_202201312355.csv", "EURUSD.M")]
    [InlineData("notes.csv", null)]
    public void SymbolGuess_FromTheSourcesFileNames(string name, string? expected) =>
        Assert.Equal(expected, SymbolGuess.Symbol(name));

    private sealed class CountingSink : IImportSink
    {
        public long Ticks { get; private set; }
        public ValueTask TicksAsync(ReadOnlyMemory<Tick> ticks, CancellationToken ct) { Ticks += ticks.Length; return ValueTask.CompletedTask; }
        public ValueTask BarsAsync(ReadOnlyMemory<Candle> bars, CancellationToken ct) => ValueTask.CompletedTask;
        public ValueTask CompleteAsync(CancellationToken ct) => ValueTask.CompletedTask;
    }
}
