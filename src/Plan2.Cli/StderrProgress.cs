using Plan2.MarketData.Import;

namespace Plan2.Cli;

/// <summary>
/// Progress of a long file on stderr (stdout stays clean for --json and CSV), every 10 %. Files below
/// <paramref name="largeFile"/> bytes (4 MiB unless said) pass too quickly to need it.
/// </summary>
internal sealed class StderrProgress(string label, long totalBytes, long largeFile = StderrProgress.LargeFile) : IProgress<ImportProgress>
{
    public const long LargeFile = 4 << 20;
    private int _lastTenth;

    public void Report(ImportProgress value)
    {
        if (totalBytes < largeFile || value.TotalBytes is not { } total || total == 0)
            return;
        var tenth = (int)(value.BytesRead * 10 / total);
        if (tenth <= _lastTenth || tenth >= 10)
            return;
        _lastTenth = tenth;
        Console.Error.WriteLine($"{label}: {tenth * 10}% ({value.LinesRead:N0} lines)");
    }

    public void Done()
    {
        if (totalBytes >= largeFile)
            Console.Error.WriteLine($"{label}: 100%");
    }
}
