using Plan2.Abstractions.Predictions;
using Plan2.Web.Services.Insights;

namespace Plan2.Web.Tests.Pages;

public sealed class AgreementTextTests
{
    private static PredictionView Call(double probabilityUp, double confidence, params double[] votes) =>
        new("EURUSD", "M1", 0, probabilityUp, probabilityUp >= 0.5 ? 1 : -1, confidence, "ranging",
            [.. votes.Select((v, i) => new ModelVoteView($"m{i}", "tree", v, 0.2, 0.5, 0))], 100, 0.5, 0,
            new Dictionary<string, double>(), [], "v1", null, 0, 0);

    [Fact]
    public void AUnanimousNearCoinFlip_ReadsAsAVote_NotAsCertainty()
    {
        Assert.Equal("5 of 5 models agree (confidence 1.00)", AgreementText.Describe(Call(0.46, 1.0, 0.45, 0.48, 0.49, 0.40, 0.47)));
    }

    [Fact]
    public void TheCountFollowsTheEnsemblesSide()
    {
        Assert.Equal("4 of 5 models agree (confidence 0.60)", AgreementText.Describe(Call(0.53, 0.6, 0.55, 0.51, 0.50, 0.60, 0.44)));
    }
}
