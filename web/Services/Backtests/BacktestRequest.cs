namespace Plan2.Web.Services.Backtests;

/// <summary>Where a backtest's history comes from: a file of the data folder, or the platform's stored M1 candles.</summary>
public enum BacktestSource { File, Store }

/// <summary>
/// What a user chose on the Backtests page. Data is the file's path inside the data folder (File) or unused (Store);
/// From and To are UTC days, To included; Models names a model set (ai only). Costs default as in <c>plan2 backtest</c>.
/// </summary>
public sealed record BacktestRequest
{
    public BacktestSource Source { get; init; } = BacktestSource.File;
    public string? Data { get; init; }
    public required string Symbol { get; init; }
    public required string Strategy { get; init; }
    public string? Models { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public decimal Lots { get; init; } = 0.1m;
    public decimal CommissionPerLot { get; init; } = 3.5m;
    public decimal SpreadPips { get; init; } = 1m;
    public decimal InitialBalance { get; init; } = 10_000m;

    public long? FromMs => From?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) is { } f ? new DateTimeOffset(f).ToUnixTimeMilliseconds() : null;
    public long? ToMs => To?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) is { } t ? new DateTimeOffset(t).ToUnixTimeMilliseconds() : null;

    /// <summary>"USDCHF_M1.csv, 2021-02-01 → 2021-02-05" and the like, for lists.</summary>
    public string DataLabel =>
        (Source == BacktestSource.Store ? "stored candles" : System.IO.Path.GetFileName(Data ?? "")) +
        (From is null && To is null ? "" : $", {From?.ToString("yyyy-MM-dd") ?? "start"} → {To?.ToString("yyyy-MM-dd") ?? "end"}");
}
