using Plan2.Core.MarketData;

namespace Plan2.Core.Strategies;

/// <summary>
/// What every strategy shares: where it trades, how big, how long it holds and where it gets out.
/// Stop and take-profit are in ATR(14) units of the bar that opened the position; 0 turns one off.
/// Changing the settings (<see cref="Strategy.Settings"/>) applies from the next bar.
/// </summary>
public sealed record StrategySettings
{
    public required string StrategyId { get; init; }
    public required string Symbol { get; init; }
    public Timeframe Timeframe { get; init; } = Timeframe.M1;
    public bool Enabled { get; init; } = true;
    /// <summary>Lots for a full-size position (AI: scaled down by confidence).</summary>
    public decimal Lots { get; init; } = 0.1m;
    public bool AllowShort { get; init; } = true;
    /// <summary>Bars a position is held after its last supporting signal; 0 holds until another rule exits.</summary>
    public int HoldBars { get; init; } = 5;
    public double StopAtr { get; init; } = 2.0;
    public double TakeProfitAtr { get; init; } = 3.0;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(StrategyId))
            errors.Add("StrategyId must not be empty.");
        if (string.IsNullOrWhiteSpace(Symbol))
            errors.Add("Symbol must not be empty.");
        if (Lots <= 0m)
            errors.Add($"Lots must be positive, not {Lots}.");
        if (HoldBars < 0)
            errors.Add($"HoldBars must not be negative, not {HoldBars}.");
        if (!(StopAtr >= 0) || !(TakeProfitAtr >= 0))
            errors.Add($"StopAtr ({StopAtr}) and TakeProfitAtr ({TakeProfitAtr}) must be zero (off) or positive.");
        return errors;
    }
}
