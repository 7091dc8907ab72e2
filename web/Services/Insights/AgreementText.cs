using Plan2.Abstractions.Predictions;
using Plan2.Ml;

namespace Plan2.Web.Services.Insights;

/// <summary>
/// The ensemble's confidence is how many models call the ensemble's side, not how likely the call is: "confidence 1.00"
/// beside P(up) 0.46 read as certainty about a near coin flip. Written as the vote it is.
/// </summary>
public static class AgreementText
{
    /// <summary>"4 of 5 models agree (confidence 0.60)".</summary>
    public static string Describe(PredictionView prediction) =>
        $"{Agreeing(prediction)} of {prediction.Votes.Count} models agree (confidence {prediction.Confidence:0.00})";

    /// <summary>"4/5 · 0.60", for a table's column.</summary>
    public static string Short(PredictionView prediction) =>
        $"{Agreeing(prediction)}/{prediction.Votes.Count} · {prediction.Confidence:0.00}";

    private static int Agreeing(PredictionView prediction) =>
        Ensemble.Agreeing(prediction.ProbabilityUp, [.. prediction.Votes.Select(v => v.ProbabilityUp)]);
}
