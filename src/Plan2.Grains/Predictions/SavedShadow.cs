using Plan2.Ml.Lifecycle;
using Plan2.Ml.Serving;

namespace Plan2.Grains.Predictions;

/// <summary>
/// Keeps a predictor's shadow evidence in grain state (PostgreSQL in a cluster): saved every
/// <see cref="SaveEvery"/> new pairs and when the predictor deactivates, taken back once when the same
/// challenger runs again after a restart, so its checkpoints continue instead of starting over.
/// </summary>
internal sealed class SavedShadow(IPersistentState<PredictorState> state)
{
    public const int SaveEvery = 60;
    private long _savedTotal;
    private bool _resumed;

    /// <summary>The saved pairs of this challenger, the first time it is asked for; null otherwise.</summary>
    public ShadowPairs? Resume(ModelRegistry? challenger)
    {
        if (_resumed || challenger is null)
            return null;
        _resumed = true;
        var saved = state.State;
        if (saved.Challenger != challenger.Version || saved.TotalRecorded == 0)
            return null;
        _savedTotal = saved.TotalRecorded;
        return new ShadowPairs(saved.ChampionProbabilities, saved.ChallengerProbabilities, saved.Up, saved.TotalRecorded);
    }

    public async Task SaveAsync(PredictorEngine engine, bool due)
    {
        if (engine is not { Shadow: { } board, Challenger: { } challenger } || board.TotalRecorded == _savedTotal)
            return;
        if (due && board.TotalRecorded - _savedTotal < SaveEvery)
            return;
        var pairs = board.Snapshot();
        state.State = new PredictorState
        {
            Challenger = challenger.Version, ChampionProbabilities = pairs.Champion, ChallengerProbabilities = pairs.Challenger,
            Up = pairs.Up, TotalRecorded = pairs.TotalRecorded,
        };
        await state.WriteStateAsync();
        _savedTotal = pairs.TotalRecorded;
    }
}
