namespace Plan2.Ml.Serving;

/// <summary>
/// The manifest's baselines scored live on the same outcomes as the ensemble: "majority" (always the side
/// that was more frequent in training) and "last_move" (the direction of the bar's own move), remembering as long as
/// the ensemble's live accuracy beside them.
/// </summary>
public sealed class BaselineScores(ModelManifest manifest)
{
    private readonly Dictionary<string, LiveAccuracy> _live = manifest.Baselines.ToDictionary(b => b.Key, b => new LiveAccuracy(b.Value.Accuracy, LiveMemory.Of(manifest.Ensemble)));
    private readonly bool _majorityUp = manifest.BaselineFit.GetValueOrDefault("p_up", 0.5) >= 0.5;
    private LiveAccuracy? Majority => field ??= _live.GetValueOrDefault("majority");
    private LiveAccuracy? LastMove => field ??= _live.GetValueOrDefault("last_move");

    public void Record(float lastMove, bool up)
    {
        Majority?.Record(_majorityUp == up);
        if (lastMove != 0)
            LastMove?.Record(lastMove > 0 == up);
    }

    public IReadOnlyDictionary<string, double> Accuracy() => _live.ToDictionary(b => b.Key, b => b.Value.Value);
}
