using Plan2.Ml.Serving;

namespace Plan2.Ml.Tests.Serving;

/// <summary>Live re-weighting moves the ensemble toward members doing well, whatever the sign stacking gave them.</summary>
public sealed class LiveWeightingTests
{
    // Validation accuracy 0.52: live 0.53 is a factor of 1.5 (capped), live 0.51 one of 0.5.
    private const double Prior = 0.52;

    private static double Ensemble(double secondLiveAccuracy, double secondWeight, double secondProbabilityUp) => LiveWeighting.Combine(0.01,
    [
        (0.8, LiveWeighting.Factor(Prior, Prior), 0.45),
        (secondWeight, LiveWeighting.Factor(Prior, secondLiveAccuracy), secondProbabilityUp),
    ]);

    [Theory]
    [InlineData(0.70)] // the member calls up
    [InlineData(0.30)] // the member calls down
    public void AMemberWithANegativeWeight_DoingBetterLive_MovesTheEnsembleTowardItsCall(double memberSays)
    {
        var atPar = Ensemble(Prior, -0.3, memberSays);
        var better = Ensemble(0.53, -0.3, memberSays);
        var worse = Ensemble(0.51, -0.3, memberSays);

        var towardCall = Math.Sign(memberSays - 0.5);
        Assert.Equal(towardCall, Math.Sign(better - atPar));
        Assert.Equal(-towardCall, Math.Sign(worse - atPar));
    }

    [Fact]
    public void AMemberWithAPositiveWeight_KeepsTheScaledWeight()
    {
        Assert.Equal(0.3 * 1.5, LiveWeighting.Weight(0.3, 1.5), 12);
        Assert.Equal(0.3 * 0.5, LiveWeighting.Weight(0.3, 0.5), 12);
    }

    [Theory]
    [InlineData(-0.3)]
    [InlineData(0.3)]
    [InlineData(0.0)]
    public void TheLiveWeight_KeepsItsSign_AndStaysWithinHalfTheStackedWeight(double stacked)
    {
        foreach (var factor in new[] { 0.5, 0.8, 1.0, 1.2, 1.5 })
        {
            var weight = LiveWeighting.Weight(stacked, factor);
            Assert.InRange(Math.Abs(weight - stacked), 0, 0.5 * Math.Abs(stacked) + 1e-12);
            Assert.True(weight * stacked >= 0);
        }
        Assert.Equal(stacked, LiveWeighting.Weight(stacked, 1.0)); // at par: the stacked ensemble exactly
    }
}
