using Plan2.Core.Risk;
using static Plan2.Core.Tests.Trading.TestMarket;

namespace Plan2.Core.Tests.Risk;

public class ConfidenceSizerTests
{
    [Theory]
    // full 2 lots, floor 0.55: lots = 2 × (c − 0.55) / 0.45, floored to 0.01
    [InlineData(1.0, 2.00)]
    [InlineData(0.775, 1.00)]  // 2 × 0.225 / 0.45 = 1
    [InlineData(0.7, 0.66)]    // 2 × 0.15 / 0.45 = 0.6666… → 0.66, never rounded up
    [InlineData(0.55, 0)]      // at the floor
    [InlineData(0.3, 0)]
    [InlineData(0.5525, 0.01)] // 2 × 0.0025 / 0.45 = 0.0111 → 0.01, the minimum lot
    public void ScaledLots_VariousConfidences_ScaleLinearlyAndRoundDown(double confidence, decimal expected) =>
        Assert.Equal(expected, ConfidenceSizer.ScaledLots(2m, confidence, 0.55, EurUsd));

    [Fact]
    public void ScaledLots_BelowMinimumLot_IsNothing() =>
        // 2 × (0.56 − 0.55) / 0.45 = 0.0444 → 0.04, below a 0.1 minimum lot
        Assert.Equal(0m, ConfidenceSizer.ScaledLots(2m, 0.56, 0.55, EurUsd with { MinLot = 0.1m }));

    [Fact]
    public void ScaledLots_NotANumber_IsNothing() => Assert.Equal(0m, ConfidenceSizer.ScaledLots(2m, double.NaN, 0.5, EurUsd));

    [Fact]
    public void IsClearlyWithin_AnyConfidenceAndSize_NeverApprovesMoreThanTheExactSize()
    {
        // Every confidence in 0.500…1.000 by 0.001 against every lot size 0.01…10.00: the fast pre-test
        // may say "not sure" but must never say "within" when the exact size says otherwise.
        var fastApprovals = 0;
        for (var c = 500; c <= 1000; c++)
        {
            var confidence = c / 1000.0;
            var exact = ConfidenceSizer.ScaledLots(10m, confidence, 0.5, EurUsd);
            for (var l = 1; l <= 1000; l++)
            {
                var lots = l / 100m;
                if (!ConfidenceSizer.IsClearlyWithin(lots, 10m, confidence, 0.5, EurUsd)) continue;
                fastApprovals++;
                Assert.True(lots <= exact, $"confidence {confidence}, {lots} lots: exact size {exact}");
            }
        }
        Assert.True(fastApprovals > 200_000); // and it does take the fast path most of the time
    }
}
