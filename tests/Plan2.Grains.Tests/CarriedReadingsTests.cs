using Plan2.Core.Features;
using Plan2.Core.Indicators;
using Plan2.Core.MarketData;
using Plan2.Grains.MarketData;

namespace Plan2.Grains.Tests;

/// <summary>The live path takes the indicator readings a bar close carries; training computes them from candles.</summary>
public class CarriedReadingsTests
{
    [Fact]
    public void FeaturesFromTheReadingsABarCloseCarries_EqualFeaturesComputedFromItsCandles()
    {
        // An instrument's M1 closes as observers receive them: through the view, with exact decimal prices.
        var engine = new InstrumentEngine("EURUSD", TickValidationOptions.Default, TimeProvider.System);
        var closes = new List<BarClose>();
        var random = new Random(5);
        var (t, mid) = (DateTimeOffset.UtcNow.AddDays(-2).ToUnixTimeMilliseconds(), 1.08);
        for (var i = 0; i < 40_000; i++)
        {
            t += random.Next(100, 3_000);
            mid += (random.NextDouble() - 0.5) * 0.0002;
            engine.Apply([t], [Math.Round(mid, 5)], [Math.Round(mid + 0.00008, 5)], null, closes);
        }
        var views = closes.Where(c => c.Timeframe == Timeframe.M1).Select(c => c.ToView("EURUSD", epoch: 1)).ToList();
        Assert.True(views.Count > 400);

        var (carried, computed) = (new FeatureBuilder(), new FeatureBuilder());
        var (a, b) = (new float[FeatureSchema.Count], new float[FeatureSchema.Count]);
        var ready = 0;
        foreach (var view in views)
        {
            var candle = view.ToCandle();
            carried.Update(candle, view.Indicators.ToValues(), a);
            computed.Update(candle, b);
            Assert.Equal(computed.IsReady, carried.IsReady);
            Assert.Equal(b, a); // bit for bit, NaN for NaN
            ready += carried.IsReady ? 1 : 0;
        }
        Assert.Equal(views.Count - FeatureBuilder.WarmUpBars + 1, ready);
    }

    [Fact]
    public void TheIndicatorsWarmUp_BeforeTheFeaturesDo()
    {
        // FeatureBuilder.IsReady relies on it: readings from a set that has seen as many bars are all defined.
        Assert.True(new IndicatorSet().WarmUpPeriod < FeatureBuilder.WarmUpBars);
    }
}
