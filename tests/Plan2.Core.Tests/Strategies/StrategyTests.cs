using Plan2.Core.Indicators;
using Plan2.Core.MarketData;
using Plan2.Core.Strategies;
using static Plan2.Core.Tests.Trading.TestMarket;

namespace Plan2.Core.Tests.Strategies;

public class StrategyTests
{
    private static readonly StrategySettings Settings = new() { StrategyId = "S1", Symbol = "EURUSD", Lots = 1m, HoldBars = 3, StopAtr = 2, TakeProfitAtr = 3 };
    private static readonly AiStrategySettings Thresholds = new() { LongAbove = 0.55, ShortBelow = 0.45, MinConfidence = 0.5, ConfidenceFloor = 0.0 };

    internal static BarClose Bar(int minute, string close, double atr = 0.0010, double rsi = 50, Timeframe tf = Timeframe.M1)
    {
        var c = P(close);
        var candle = new Candle(T0.AddMinutes(minute).ToUnixTimeMilliseconds(), c, c, c, c);
        return new BarClose(tf, candle, new IndicatorValues { Atr14 = atr, Rsi14 = rsi });
    }

    private static Prediction Call(int minute, double pUp, double confidence) => new(T0.AddMinutes(minute).ToUnixTimeMilliseconds(), pUp, confidence);

    [Fact]
    public void Ai_LongCall_SetsTargetScaledByConfidence_WithStopAndTakeProfitInAtr()
    {
        var s = new AiStrategy(Settings, Thresholds, EurUsd);

        Assert.True(s.OnBar(Bar(0, "1.10000"), Call(0, 0.60, 0.5)));

        Assert.Equal(0.5m, s.TargetLots); // 1 lot × confidence 0.5 above a floor of 0
        Assert.Equal(P("1.09800"), s.StopPrice); // 1.10000 − 2 × 0.0010
        Assert.Equal(P("1.10300"), s.TakeProfitPrice); // 1.10000 + 3 × 0.0010
        Assert.Equal(0.5, s.Confidence);
    }

    [Theory]
    [InlineData(0.54, 1.0)] // probability inside the thresholds
    [InlineData(0.60, 0.4)] // confidence below the minimum
    public void Ai_WeakCall_HoldsFlat(double pUp, double confidence)
    {
        var s = new AiStrategy(Settings, Thresholds, EurUsd);

        Assert.False(s.OnBar(Bar(0, "1.10000"), Call(0, pUp, confidence)));
        Assert.Equal(0m, s.TargetLots);
    }

    [Fact]
    public void Ai_PredictionForAnotherBar_IsIgnored()
    {
        var s = new AiStrategy(Settings, Thresholds, EurUsd);

        Assert.False(s.OnBar(Bar(1, "1.10000"), Call(0, 0.9, 1.0)));
    }

    [Fact]
    public void Ai_ShortCall_ReversesALong_AndStopsSitAboveForTheShort()
    {
        var s = new AiStrategy(Settings, Thresholds, EurUsd);
        s.OnBar(Bar(0, "1.10000"), Call(0, 0.60, 1.0));

        Assert.True(s.OnBar(Bar(1, "1.10100"), Call(1, 0.40, 1.0)));

        Assert.Equal(-1m, s.TargetLots);
        Assert.Equal(P("1.10300"), s.StopPrice);
        Assert.Equal(P("1.09800"), s.TakeProfitPrice);
    }

    [Fact]
    public void HoldingTime_FlattensAfterHoldBarsWithoutAFreshSignal_AndAFreshSignalExtendsIt()
    {
        var s = new AiStrategy(Settings, Thresholds, EurUsd);
        s.OnBar(Bar(0, "1.10000"), Call(0, 0.60, 1.0));
        Assert.False(s.OnBar(Bar(1, "1.10000"), null));
        Assert.False(s.OnBar(Bar(2, "1.10000"), Call(2, 0.60, 1.0))); // same side: holding restarts
        Assert.False(s.OnBar(Bar(3, "1.10000"), null));
        Assert.False(s.OnBar(Bar(4, "1.10000"), null));

        Assert.True(s.OnBar(Bar(5, "1.10000"), null)); // third bar after the last signal

        Assert.Equal((0m, TargetReason.HoldingTime), (s.TargetLots, s.Reason));
    }

    [Fact]
    public void OnQuote_LongStopsOnTheBid_AndShortTakesProfitOnTheAsk()
    {
        var longs = new AiStrategy(Settings, Thresholds, EurUsd);
        longs.OnBar(Bar(0, "1.10000"), Call(0, 0.60, 1.0));
        Assert.False(longs.OnQuote(Quote("1.09801", "1.09790"))); // ask below the stop does not stop a long
        Assert.True(longs.OnQuote(Quote("1.09800", "1.09820")));
        Assert.Equal(TargetReason.StopLoss, longs.Reason);

        var shorts = new AiStrategy(Settings, Thresholds, EurUsd);
        shorts.OnBar(Bar(0, "1.10000"), Call(0, 0.40, 1.0));
        Assert.False(shorts.OnQuote(Quote("1.09690", "1.09710")));
        Assert.True(shorts.OnQuote(Quote("1.09680", "1.09700"))); // ask reaches 1.10000 − 3 × 0.0010
        Assert.Equal((0m, TargetReason.TakeProfit), (shorts.TargetLots, shorts.Reason));
    }

    [Fact]
    public void Disabled_FlattensOnTheNextBar_AndTakesNoNewSignal()
    {
        var s = new AiStrategy(Settings, Thresholds, EurUsd);
        s.OnBar(Bar(0, "1.10000"), Call(0, 0.60, 1.0));

        s.Settings = Settings with { Enabled = false };

        Assert.True(s.OnBar(Bar(1, "1.10000"), Call(1, 0.60, 1.0)));
        Assert.Equal((0m, TargetReason.Disabled), (s.TargetLots, s.Reason));
        Assert.False(s.OnBar(Bar(2, "1.10000"), Call(2, 0.60, 1.0)));
    }

    [Fact]
    public void OtherTimeframe_IsIgnored()
    {
        var s = new AiStrategy(Settings, Thresholds, EurUsd);

        Assert.False(s.OnBar(Bar(0, "1.10000", tf: Timeframe.M5), Call(0, 0.9, 1.0)));
    }

    [Fact]
    public void RsiReversion_LongWhenOversold_FlatBackAtFifty()
    {
        var s = new RsiReversionStrategy(Settings with { HoldBars = 0 }, EurUsd);

        Assert.True(s.OnBar(Bar(0, "1.10000", rsi: 25)));
        Assert.Equal(1m, s.TargetLots);
        Assert.False(s.OnBar(Bar(1, "1.10000", rsi: 45)));
        Assert.True(s.OnBar(Bar(2, "1.10000", rsi: 51)));
        Assert.Equal((0m, TargetReason.SignalFlat), (s.TargetLots, s.Reason));
    }

    [Fact]
    public void SmaCross_GoesLongOnlyWhenFastCrossesAboveSlow()
    {
        var s = new SmaCrossStrategy(Settings with { HoldBars = 0 }, EurUsd, fast: 2, slow: 3);
        string[] closes = ["1.10000", "1.09900", "1.09800", "1.09700", "1.10200"];
        var changed = closes.Select((c, i) => s.OnBar(Bar(i, c))).ToArray();

        // fast (2) vs slow (3): bar 2: 1.09850 < 1.09900 (below, first reading); bar 3: below; bar 4: 1.09950 > 1.09900 crosses
        Assert.Equal([false, false, false, false, true], changed);
        Assert.Equal(1m, s.TargetLots);
    }

    [Fact]
    public void Settings_Invalid_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => new AiStrategy(Settings with { Lots = 0m }, Thresholds, EurUsd));
        Assert.Throws<ArgumentException>(() => new AiStrategy(Settings, Thresholds with { LongAbove = 0.5 }, EurUsd));
        Assert.Throws<ArgumentException>(() => new AiStrategy(Settings with { Symbol = "GBPUSD" }, Thresholds, EurUsd));
    }
}
