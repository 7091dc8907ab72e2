using System.Text;
using Plan2.MarketData.Import;
using Plan2.MarketData.Tests.Fuzz;
using Xunit.Abstractions;

namespace Plan2.MarketData.Tests.Hostile;

/// <summary>
/// Files a user (or an attacker handing one over) may feed the importers: each ends with a clear reason, never a crash.
/// Each test prints its input once it was handled right: the benchmark report counts them.
/// </summary>
public sealed class HostileImportTests(ITestOutputHelper output) : IDisposable
{
    private const string Files = "importer, hostile files";

    private readonly string _data = Directory.CreateTempSubdirectory("plan2-hostile-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Import_OfAFolder_SaysItIsAFolder()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_data, "EURUSD_M1.csv")).FullName;

        var run = await Plan2Command.RunAsync(_data, "import", folder, "--format", "mt-bars");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is a folder", run.Stderr);
        Assert.DoesNotContain("no such file", run.Stderr);
        CaseReport.Write(output, Files, 1, "a folder given as a file");
    }

    [Fact]
    public async Task Import_BadLineWithControlBytes_PrintsThemEscaped()
    {
        var file = Path.Combine(_data, "EURUSD_M1.csv");
        await File.WriteAllTextAsync(file,
            "2021-01-25 00:09,1.27244,1.27245,1.27235,1.2724,25\n" +
            "2021-01-25 00:10,\u001b[2J\u001b]0;owned\u0007\u007f\u202e,1.27258,1.27241,1.2725,57\n");

        var run = await Plan2Command.RunAsync(_data, "import", file, "--format", "mt-bars");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain('\u001b', run.Stdout + run.Stderr);
        Assert.DoesNotContain('\u0007', run.Stdout + run.Stderr);
        Assert.Contains(@"open '\x1b[2J\x1b]0;owned\x07\x7f\u202e' is not a price", run.Stdout);
        CaseReport.Write(output, Files, 1, "control bytes in a bad line");
    }

    [Fact]
    public async Task Import_OfDevZero_EndsWithTheLineCap_NotOutOfMemory()
    {
        var run = await Plan2Command.RunAsync(_data, "import", "/dev/zero", "--format", "mt5-ticks", "--symbol", "EURUSD");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"line 1 is longer than {BoundedLineReader.MaxLineChars} characters", run.Stderr);
        Assert.DoesNotContain("Exception", run.Stderr);
        CaseReport.Write(output, Files, 1, "/dev/zero as mt5-ticks");
    }

    [Fact]
    public async Task Import_OfDevZero_WithoutFormat_EndsWithTheLineCap()
    {
        var run = await Plan2Command.RunAsync(_data, "import", "/dev/zero", "--symbol", "EURUSD");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("longer than", run.Stderr);
        CaseReport.Write(output, Files, 1, "/dev/zero without a format");
    }

    [Fact]
    public async Task Importer_OneGiantLineAfterGoodOnes_StopsAtThatLine_AndKeepsWhatCameBefore()
    {
        var text = "2021-01-25 00:09,1.27244,1.27245,1.27235,1.2724,25\r\n" + new string('9', 10 * BoundedLineReader.MaxLineChars) + "\n";
        var sink = new CollectingSink();

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => MarketDataImporter.RunAsync(
            new MemoryStream(Encoding.UTF8.GetBytes(text)), new ImportSettings(ImportFormat.MtBars, "EURUSD", TimeSpan.Zero), sink, TimeProvider.System));

        Assert.StartsWith("line 2 is longer than", error.Message);
        CaseReport.Write(output, Files, 1, "a giant line after good ones");
    }

    [Theory]
    [InlineData("a\nb\r\nc\rd", new[] { "a", "b", "c", "d" })]
    [InlineData("a\r\n\r\nb\r\n", new[] { "a", "", "b" })]
    [InlineData("\n\n", new[] { "", "" })]
    [InlineData("", new string[0])]
    public async Task BoundedLineReader_SplitsLikeStreamReader(string text, string[] expected)
    {
        using var reader = new BoundedLineReader(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        var lines = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
            lines.Add(line);

        Assert.Equal(expected, lines);
        using var standard = new StringReader(text);
        var reference = new List<string>();
        while (standard.ReadLine() is { } line)
            reference.Add(line);
        Assert.Equal(reference, lines);
        CaseReport.Write(output, Files, 1, text.Length == 0 ? "an empty file" : "line endings " + text.Replace("\r", "\\r").Replace("\n", "\\n"));
    }

    [Fact]
    public async Task BoundedLineReader_CrLfSplitAcrossTheBuffer_IsOneEnding()
    {
        // 65 lines of 1000 chars and 535 more put the CR at index 65535: it ends the reader's first 65536-char read, the LF starts the next.
        var text = string.Concat(Enumerable.Repeat(new string('x', 999) + "\n", 65)) + new string('y', 535) + "\r\nlast";
        using var reader = new BoundedLineReader(new MemoryStream(Encoding.ASCII.GetBytes(text)));
        var lines = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
            lines.Add(line);

        Assert.Equal(67, lines.Count);
        Assert.Equal(new string('y', 535), lines[65]);
        Assert.Equal("last", lines[66]);
        CaseReport.Write(output, Files, 1, "CR LF split across the read buffer");
    }
}
