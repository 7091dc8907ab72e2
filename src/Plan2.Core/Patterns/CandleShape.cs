using Plan2.Core.MarketData;

namespace Plan2.Core.Patterns;

/// <summary>One bar's geometry in price units (1e-8), so every ratio test is exact integer arithmetic.</summary>
internal readonly record struct CandleShape(long Open, long High, long Low, long Close)
{
    public static CandleShape Of(in Candle bar) => new(bar.Open.Units, bar.High.Units, bar.Low.Units, bar.Close.Units);

    public long Range => High - Low;

    public long Body => Math.Abs(Close - Open);

    public long BodyTop => Math.Max(Open, Close);

    public long BodyBottom => Math.Min(Open, Close);

    public long UpperShadow => High - BodyTop;

    public long LowerShadow => BodyBottom - Low;

    public bool IsBullish => Close > Open;

    public bool IsBearish => Close < Open;

    /// <summary>Twice the body's midpoint: kept doubled so "closes above the midpoint" stays in integers.</summary>
    public long BodyMidpointTimesTwo => Open + Close;
}
