using Plan2.Core.MarketData;

namespace Plan2.MarketData.Import;

/// <summary>What to import and how to read times. <see cref="UtcOffset"/> is the source's offset from UTC.</summary>
public sealed record ImportSettings(ImportFormat Format, string Symbol, TimeSpan UtcOffset, Timeframe BarTimeframe = Timeframe.M1)
{
    public TickValidationOptions Validation { get; init; } = TickValidationOptions.Default;
    public int BatchSize { get; init; } = 65_536;
}
