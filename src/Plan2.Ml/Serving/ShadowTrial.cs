using Plan2.Ml.Lifecycle;

namespace Plan2.Ml.Serving;

/// <summary>
/// A challenger run in shadow beside the champion: both judged by their own stacked ensembles on the same
/// bars (model sets compared, not reweighting schemes); the policy decides at fixed checkpoints, every
/// <see cref="PromotionPolicy.MinResolved"/> paired outcomes, never on a lucky run between them.
/// A challenger is never scored on bars it was trained on: only bars from <see cref="ScoresFromMs"/>, after
/// its training window (<see cref="TrainingWindow"/>) and after it was registered, count as evidence.
/// </summary>
public sealed class ShadowTrial(ModelRegistry challenger, PromotionPolicy policy, int horizon, long registeredAtMs = long.MinValue)
{
    public ModelRegistry Challenger { get; } = challenger;
    public ShadowScoreboard Board { get; } = new(horizon: horizon);

    /// <summary>The first bar open time the challenger may be scored on.</summary>
    public long ScoresFromMs { get; } = Math.Max(registeredAtMs, TrainingWindow.UnseenFromMs(challenger.Manifest) ?? long.MinValue);

    public bool Scores(long barOpenTimeMs) => barOpenTimeMs >= ScoresFromMs;

    /// <summary>Records one paired outcome; returns the policy's decision when it is a checkpoint.</summary>
    public PromotionDecision? Record(double championStacked, double challengerStacked, bool up)
    {
        Board.Record(championStacked, challengerStacked, up);
        return Board.TotalRecorded % policy.MinResolved == 0 ? policy.Decide(Board) : null;
    }
}
