using System.CommandLine;
using Plan2.Core.MarketData;
using Plan2.MarketData.Import;

namespace Plan2.Cli.Commands;

/// <summary>The options every command that reads a market-data file shares, and how they resolve.</summary>
internal sealed class SourceOptions
{
    public Argument<FileInfo> File { get; } = new("file") { Description = "The file to read (CSV or TSV; LF or CRLF)." };

    public Option<string?> Format { get; } = new("--format")
    {
        Description = "mt5-ticks | mt5-bars | m1-bars | mt-bars | mt5-python; recognised from the first line when left out.",
    };

    public Option<string?> Symbol { get; } = new("--symbol") { Description = "Symbol, e.g. EURUSD; taken from the file name when left out." };

    public Option<double?> UtcOffset { get; } = new("--utc-offset")
    {
        Description = "Hours the file's times are ahead of UTC: MetaTrader server time (default 0), HistData (default -5).",
    };

    public Option<string?> BarTimeframe { get; } = new("--bar-timeframe")
    {
        Description = "Timeframe of the bars in a bar file (M1 M5 M15 H1 D1); taken from the file name, else M1.",
    };

    public void AddTo(Command command)
    {
        Format.AcceptOnlyFromAmong([.. ImportFormatNames.ByName.Keys]);
        command.Arguments.Add(File);
        command.Options.Add(Format);
        command.Options.Add(Symbol);
        command.Options.Add(UtcOffset);
        command.Options.Add(BarTimeframe);
    }

    /// <summary>Resolves the settings, or throws <see cref="CliException"/> saying what to pass.</summary>
    public ImportSettings Resolve(ParseResult result)
    {
        var file = result.GetValue(File)!;
        CliRunner.RequireFile(file);
        var format = result.GetValue(Format) is { } name ? ImportFormatNames.ByName[name] : DetectFormat(file);
        var symbol = (result.GetValue(Symbol) ?? SymbolGuess.Symbol(file.Name))?.ToUpperInvariant()
            ?? throw new CliException($"Cannot tell the symbol from the name '{file.Name}': pass --symbol.");
        if (!SymbolGuess.IsValid(symbol))
            throw new CliException($"'{symbol}' is not a valid symbol (1-32 of A-Z 0-9 . _ # -).");
        var offset = result.GetValue(UtcOffset) is { } hours ? TimeSpan.FromHours(hours) : format.DefaultUtcOffset();
        var barTf = Timeframe.M1;
        if (result.GetValue(BarTimeframe) is { } tfText)
        {
            if (!TimeframeExtensions.TryParse(tfText, out barTf))
                throw new CliException($"--bar-timeframe '{tfText}' is not one of M1 M5 M15 H1 D1.");
        }
        else if (SymbolGuess.BarTimeframe(file.Name) is { } guessed)
        {
            barTf = guessed;
        }
        return new ImportSettings(format, symbol, offset, barTf);
    }

    /// <summary>The format named by a file's first line, or a clear refusal.</summary>
    internal static ImportFormat DetectFormat(FileInfo file)
    {
        string? first;
        try
        {
            first = BoundedLineReader.FirstLine(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{file.FullName}: cannot be read ({e.Message}).");
        }
        return FormatDetector.Detect(first?.TrimStart('\uFEFF') ?? "")
            ?? throw new CliException($"{file.Name}: the format is not recognised from its first line; pass --format.");
    }
}

/// <summary>A user error: printed as it is, exit code 1.</summary>
internal sealed class CliException(string message) : Exception(message);
