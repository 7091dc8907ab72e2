using Plan2.Core.Indicators;
using Plan2.Core.MarketData;
using Plan2.MarketData.Import;
using Plan2.Ml.Serving;
using Plan2.Ml.Training.Data;

namespace Plan2.Ml.Tests.Serving;

/// <summary>
/// The backtester's lean call (<see cref="PredictorEngine.Predict"/>) against the full one the PredictorGrain makes, on twin
/// engines over real history: the same probability and confidence bit for bit on every bar, long enough for live accuracy
/// to move the weights, so the state each call leaves behind must match too.
/// </summary>
public sealed class LeanPredictionParityTests : IDisposable
{
    private readonly ModelRegistry _registry = ModelRegistry.Load(Repo.Models);

    public void Dispose() => _registry.Dispose();

    public static TheoryData<bool> Bands => new() { false, true };

    [Theory]
    [MemberData(nameof(Bands))]
    public async Task LeanCall_GivesTheFullCallsProbabilityAndConfidence_BitForBit(bool band)
    {
        var loaded = await BarLoader.LoadAsync(SharedData.File("mt-m1-2021/USDCHF_M1.csv"), ImportFormat.MtBars, "USDCHF", Timeframe.M1, TimeProvider.System);
        var bars = loaded["USDCHF"].Take(2_500).ToList();
        ConfidenceBand? confidenceBand = band ? new ConfidenceBand(0.47, 0.53) : null;
        var (full, lean) = (new PredictorEngine(_registry, band: confidenceBand), new PredictorEngine(_registry, band: confidenceBand));
        var instrument = new IndicatorSet(); // the instrument's readings, as a bar close carries them
        var (compared, confident) = (0, 0);
        for (var i = 0; i < bars.Count; i++)
        {
            instrument.Update(bars[i]);
            var expected = full.OnBar(bars[i], instrument.Current, i + 1);
            var actual = lean.Predict(bars[i], instrument.Current, i + 1);
            Assert.Equal(expected is null, actual is null);
            if (expected is null || actual is not { } a) continue;
            Assert.Equal(expected.BarTimeMs, a.BarTimeMs);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.ProbabilityUp), BitConverter.DoubleToInt64Bits(a.ProbabilityUp));
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Confidence), BitConverter.DoubleToInt64Bits(a.Confidence));
            compared++;
            confident += double.IsNaN(a.Confidence) ? 0 : 1;
        }
        Assert.Equal(2_500 - 61 - 30 + 2, compared);
        Assert.InRange(confident, 1, compared); // some bars carried a confidence (with a band, not all)
        Assert.False(lean.BridgingIndicators); // the bar's own readings were used, not recomputed
    }
}
