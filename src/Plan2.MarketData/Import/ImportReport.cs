namespace Plan2.MarketData.Import;

/// <summary>One refused line of an import file.</summary>
public sealed record BadLine(long Line, string Reason);

/// <summary>What an import read, stored and refused. Rows derived from it (coarser candles) are counted apart.</summary>
public sealed class ImportReport
{
    public const int MaxBadLinesListed = 100;

    public required ImportFormat Format { get; init; }
    public required string Symbol { get; init; }
    public long Read { get; internal set; }
    public long Stored { get; internal set; }
    public long DerivedCandles { get; internal set; }
    public Dictionary<string, long> Rejected { get; } = new(StringComparer.Ordinal);
    public List<BadLine> BadLines { get; } = [];
    public long FirstTimeMs { get; internal set; } = long.MaxValue;
    public long LastTimeMs { get; internal set; } = long.MinValue;
    public TimeSpan Elapsed { get; internal set; }

    public long RejectedTotal => Rejected.Values.Sum();

    internal void Reject(long line, string reason, string detail)
    {
        Rejected[reason] = Rejected.GetValueOrDefault(reason) + 1;
        if (BadLines.Count < MaxBadLinesListed)
            BadLines.Add(new BadLine(line, detail));
    }

    internal void Accept(long timeMs)
    {
        Stored++;
        if (timeMs < FirstTimeMs) FirstTimeMs = timeMs;
        if (timeMs > LastTimeMs) LastTimeMs = timeMs;
    }
}

/// <summary>How far an import has got, for progress bars.</summary>
public readonly record struct ImportProgress(long BytesRead, long? TotalBytes, long LinesRead);
