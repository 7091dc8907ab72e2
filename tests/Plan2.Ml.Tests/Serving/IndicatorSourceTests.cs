using Plan2.Core.Indicators;
using Plan2.Core.MarketData;
using Plan2.MarketData.Import;
using Plan2.Ml.Serving;
using Plan2.Ml.Training.Data;

namespace Plan2.Ml.Tests.Serving;

/// <summary>Which indicator readings a predictor's features use: the bar's own, or its own bridge after an instrument restart.</summary>
public sealed class IndicatorSourceTests
{
    private static async Task<List<Candle>> Bars(int count)
    {
        var file = SharedData.File("mt-m1-2021/USDCHF_M1.csv");
        return (await BarLoader.LoadAsync(file, ImportFormat.MtBars, "USDCHF", Timeframe.M1, TimeProvider.System))["USDCHF"].Take(count).ToList();
    }

    [Fact]
    public async Task ReadingsABarCarries_AreUsedAsTheyAre_WhenTheInstrumentHasSeenEveryBar()
    {
        var bars = await Bars(200);
        var (source, instrument) = (new IndicatorSource(), new IndicatorSet());
        for (var i = 0; i < bars.Count; i++)
        {
            instrument.Update(bars[i]);
            var carried = instrument.Current with { Sma20 = i }; // marked: proves these very readings came back
            Assert.Equal(carried, source.Next(bars[i], carried, i + 1));
            Assert.False(source.Bridging);
        }
    }

    [Fact]
    public async Task AfterTheInstrumentRestarts_ThePredictorBridgesWithItsOwnReadings_UntilTheNewOnesHaveSettled()
    {
        var bars = await Bars(1_000);
        var (source, uninterrupted, restarted) = (new IndicatorSource(), new IndicatorSet(), new IndicatorSet());
        for (var i = 0; i < 400; i++)
        {
            uninterrupted.Update(bars[i]);
            source.Next(bars[i], uninterrupted.Current, i + 1);
        }
        // The instrument is activated again at bar 400: its indicators start cold and its closes count from 1.
        for (var i = 400; i < bars.Count; i++)
        {
            uninterrupted.Update(bars[i]);
            restarted.Update(bars[i]);
            var sequence = i - 399;
            var readings = source.Next(bars[i], restarted.Current, sequence);

            Assert.Equal(sequence < IndicatorSource.SettledAfter, source.Bridging);
            // Never the cold readings (NaN for the first 34 bars); always those of indicators that never stopped.
            Assert.Equal(uninterrupted.Current.Atr14, readings.Atr14, 1e-9);
            Assert.Equal(uninterrupted.Current.Macd, readings.Macd, 1e-9);
            Assert.Equal(uninterrupted.Current.Adx14, readings.Adx14, 1e-6);
            Assert.Equal(uninterrupted.Current.Rsi14, readings.Rsi14, 1e-6);
        }
    }
}
