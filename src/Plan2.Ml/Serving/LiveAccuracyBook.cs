namespace Plan2.Ml.Serving;

/// <summary>
/// Live accuracy of each member and of the ensemble, per regime, each starting from its validation accuracy.
/// Held in arrays by member index and regime (0 ranging, 1 trending): read for every member on every bar.
/// </summary>
public sealed class LiveAccuracyBook
{
    private readonly ModelRegistry _models;
    private readonly LiveAccuracy[] _members; // [regime * members + member]
    private readonly LiveAccuracy[] _ensemble;

    public LiveAccuracyBook(ModelRegistry models)
    {
        _models = models;
        var n = models.Members.Count;
        var memory = LiveMemory.Of(models.Manifest.Ensemble);
        _members = new LiveAccuracy[LiveWeighting.Regimes * n];
        for (var i = 0; i < _members.Length; i++)
            _members[i] = new LiveAccuracy(models.Members[i % n].Entry.Validation.Accuracy, memory);
        _ensemble = new LiveAccuracy[LiveWeighting.Regimes];
        for (var r = 0; r < _ensemble.Length; r++)
            _ensemble[r] = new LiveAccuracy(models.Manifest.Ensemble.Validation.Accuracy, memory);
    }

    public LiveAccuracy Member(int member, int regime) => _members[regime * _models.Members.Count + member];

    public LiveAccuracy Member(OnnxScorer member, string regime)
    {
        var i = IndexOf(member);
        return i >= 0 ? Member(i, LiveWeighting.RegimeIndex(regime))
            : throw new ArgumentException($"{member.Entry.Name} is not a member of this model set.", nameof(member));
    }

    public LiveAccuracy Ensemble(int regime) => _ensemble[regime];

    public LiveAccuracy Ensemble(string regime) => _ensemble[LiveWeighting.RegimeIndex(regime)];

    private int IndexOf(OnnxScorer member)
    {
        for (var i = 0; i < _models.Members.Count; i++)
            if (ReferenceEquals(_models.Members[i], member))
                return i;
        return -1;
    }
}
