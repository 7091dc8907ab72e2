using System.Globalization;
using System.Text;
using CsCheck;
using Plan2.Core.MarketData;
using Plan2.MarketData.Import;
using Xunit.Abstractions;

namespace Plan2.MarketData.Tests.Fuzz;

/// <summary>
/// Property-based fuzzing of every importer's line parser, through the importer: random and mutated
/// lines are stored or refused by reason, and the only exception is our own InvalidDataException (a
/// bad header, a line over the cap); valid rows round-trip exactly. Case counts are printed.
/// </summary>
public sealed class ImporterFuzzTests(ITestOutputHelper output)
{
    private const int Cases = 3_000;

    /// <summary>A valid first line (or header plus line) of each format, the seed of the mutations.</summary>
    public static TheoryData<ImportFormat, string> Seeds => new()
    {
        { ImportFormat.Mt5Ticks, "<DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>\n2021.01.04\t00:00:00.123\t1.22396\t1.22412\t\t\t6\n" },
        { ImportFormat.Mt5Bars, "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>\n2021.01.04\t00:00:00\t1.22396\t1.22412\t1.22300\t1.22400\t12\t0\t5\n" },
        { ImportFormat.M1Bars, "20170102 000000;1.051690;1.051700;1.051690;1.051690;0\n" },
        { ImportFormat.MtBars, "2021-01-25 00:09,1.27244,1.27245,1.27235,1.2724,25\n" },
        { ImportFormat.Mt5Python, ",time,open,high,low,close,tick_volume,spread,real_volume\n0,1609718400,1.22396,1.22412,1.223,1.224,12,5,0\n" },
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task MutatedAndRandomLines_AreStoredOrRefused_NeverCrash(ImportFormat format, string seed)
    {
        Assert.Equal(1, (await ImportAsync(format, seed)).Stored); // the seed itself is valid
        var header = seed.Count(c => c == '\n') == 2 ? seed[..(seed.IndexOf('\n') + 1)] : "";
        var line = seed[header.Length..].TrimEnd('\n');
        var alphabet = line.Distinct().Concat("\t;,.:-+eE \r\u0000\u001b\u202e\uFEFF9").ToArray();
        var mutation = Gen.Select(Gen.Int[0, line.Length], Gen.Int[0, alphabet.Length - 1], Gen.Int[0, 2]);
        var lines = Gen.OneOf(
            mutation.Array[1, 6].Select(edits => Mutate(line, alphabet, edits)),
            Gen.Char[new string(alphabet)].Array[0, 80].Select(chars => new string(chars)),
            Gen.String[0, 80]);

        long cases = 0, stored = 0, refused = 0;
        await lines.Array[1, 20].SampleAsync(async batch =>
        {
            var report = await ImportAsync(format, header + string.Join('\n', batch));
            Assert.Equal(report.Read, report.Stored + report.RejectedTotal);
            Interlocked.Add(ref stored, report.Stored);
            Interlocked.Add(ref refused, report.RejectedTotal);
            Interlocked.Increment(ref cases);
        }, iter: Cases);
        Report($"{format.Name()} mutated/random files: {cases} cases ({stored} lines stored, {refused} refused)");
    }

    [Fact]
    public async Task ValidMtBars_RoundTripExactly()
    {
        long cases = 0;
        var price = Gen.Long[1, 99_999_999_999]; // 1e-8 … 999.99999999
        var bar = Gen.Select(Gen.Int[0, 500_000], price, price, price, Gen.Long[0, 1_000_000]);
        await bar.SampleAsync(async b =>
        {
            var (minute, p1, p2, p3, volume) = b;
            var (low, high) = (Math.Min(p1, Math.Min(p2, p3)), Math.Max(p1, Math.Max(p2, p3)));
            var time = new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(minute);
            var text = string.Create(CultureInfo.InvariantCulture,
                $"{time:yyyy-MM-dd HH:mm},{Fixed(p2)},{Fixed(high)},{Fixed(low)},{Fixed(p3)},{volume}\n");
            var sink = new CollectingSink();
            var report = await MarketDataImporter.RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)),
                new ImportSettings(ImportFormat.MtBars, "EURUSD", TimeSpan.Zero), sink, TimeProvider.System);
            Assert.Equal(1, report.Stored);
            var candle = Assert.Single(sink.Bars);
            Assert.Equal(new DateTimeOffset(time).ToUnixTimeMilliseconds(), candle.OpenTimeMs);
            Assert.Equal((p2, high, low, p3), (candle.Open.Units, candle.High.Units, candle.Low.Units, candle.Close.Units));
            Interlocked.Increment(ref cases);
        }, iter: Cases);
        Report($"mt-bars valid rows round-tripped exactly: {cases} cases");
    }

    private static string Fixed(long units) => (units / 100_000_000).ToString(CultureInfo.InvariantCulture) + "." + (units % 100_000_000).ToString("D8", CultureInfo.InvariantCulture);

    private static string Mutate(string line, char[] alphabet, (int At, int Char, int Kind)[] edits)
    {
        var sb = new StringBuilder(line);
        foreach (var (at, c, kind) in edits)
        {
            var i = Math.Min(at, sb.Length);
            if (kind == 0 && i < sb.Length) sb[i] = alphabet[c];
            else if (kind == 1) sb.Insert(i, alphabet[c]);
            else if (i < sb.Length) sb.Remove(i, 1);
        }
        return sb.ToString();
    }

    private static async Task<ImportReport> ImportAsync(ImportFormat format, string text)
    {
        try
        {
            return await MarketDataImporter.RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)),
                new ImportSettings(format, "EURUSD", TimeSpan.Zero) { BatchSize = 64 }, new CollectingSink(), TimeProvider.System);
        }
        catch (InvalidDataException)
        {
            // Our own refusal (a header that does not fit): counted as a refused file.
            return new ImportReport { Format = format, Symbol = "EURUSD" };
        }
    }

    private void Report(string line)
    {
        output.WriteLine("fuzz: importer, " + line);
        Console.WriteLine("fuzz: importer, " + line);
    }
}
