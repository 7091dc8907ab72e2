namespace Plan2.Core.Indicators;

/// <summary>
/// One bar's readings of the standard set (<see cref="IndicatorSet"/>). A value still in its warm-up is NaN,
/// never 0, so a consumer cannot mistake "not known yet" for a reading. Record equality counts NaN equal
/// to NaN, so two snapshots compare field by field even during warm-up.
/// </summary>
public readonly record struct IndicatorValues
{
    public double Sma20 { get; init; }
    public double Ema20 { get; init; }
    public double Rsi14 { get; init; }
    public double Macd { get; init; }
    public double MacdSignal { get; init; }
    public double MacdHist { get; init; }
    public double BbUpper { get; init; }
    public double BbMiddle { get; init; }
    public double BbLower { get; init; }
    public double Atr14 { get; init; }
    public double StochK { get; init; }
    public double StochD { get; init; }
    public double Adx14 { get; init; }
    public double PlusDi { get; init; }
    public double MinusDi { get; init; }
    public double Cci20 { get; init; }
    public double WilliamsR14 { get; init; }
}
