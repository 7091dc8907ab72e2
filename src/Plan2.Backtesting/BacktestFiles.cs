using Plan2.MarketData.Import;

namespace Plan2.Backtesting;

/// <summary>Opening a history file with errors a user can act on: a folder is named as such, not reported missing.</summary>
public static class BacktestFiles
{
    public static void RequireFile(FileInfo file)
    {
        if (Directory.Exists(file.FullName))
            throw new BacktestException($"{file.FullName} is a folder, not a file.");
        if (!file.Exists)
            throw new BacktestException($"{file.FullName}: no such file.");
    }

    public static Stream OpenRead(FileInfo file)
    {
        try
        {
            return new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BacktestException($"{file.FullName}: cannot be read ({e.Message}).");
        }
    }

    public static ImportFormat DetectFormat(FileInfo file)
    {
        string? first;
        try
        {
            first = BoundedLineReader.FirstLine(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BacktestException($"{file.FullName}: cannot be read ({e.Message}).");
        }
        return FormatDetector.Detect(first?.TrimStart('\uFEFF') ?? "")
            ?? throw new BacktestException($"{file.Name}: the format is not recognised from its first line; pass --format.");
    }
}
