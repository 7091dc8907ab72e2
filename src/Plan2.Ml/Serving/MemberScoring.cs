namespace Plan2.Ml.Serving;

/// <summary>A member's probability of up for the latest bar of <paramref name="window"/>.</summary>
public delegate float MemberScorer(OnnxScorer member, FeatureWindow window);

/// <summary>Scores the latest bar with a model set's members, whatever their kinds: each reads its own window.</summary>
public static class MemberScoring
{
    /// <summary>The member's probability of up: its window is the last WindowSteps rows, prepared by the scorer.</summary>
    public static float Score(OnnxScorer member, FeatureWindow window) => member.ScoreLatest(window.Tail(Math.Max(1, member.Entry.WindowSteps)));

    /// <summary>A model set's own stacked ensemble, with no live reweighting: how a challenger is judged.</summary>
    public static double Stacked(ModelRegistry models, FeatureWindow window)
    {
        var z = models.Manifest.Ensemble.Bias;
        foreach (var member in models.Members)
            z += models.Manifest.Ensemble.Weights.GetValueOrDefault(member.Entry.Name) * Ensemble.Logit(Score(member, window));
        return Ensemble.Sigmoid(z);
    }
}
