namespace Plan2.Ml.Serving;

/// <summary>Live accuracy of each member and of the ensemble, per regime, each starting from its validation accuracy.</summary>
public sealed class LiveAccuracyBook(ModelRegistry models)
{
    private readonly Dictionary<(string Model, string Regime), LiveAccuracy> _members = [];
    private readonly Dictionary<string, LiveAccuracy> _ensemble = [];

    public LiveAccuracy Member(OnnxScorer member, string regime)
    {
        if (!_members.TryGetValue((member.Entry.Name, regime), out var live))
            _members[(member.Entry.Name, regime)] = live = new LiveAccuracy(member.Entry.Validation.Accuracy);
        return live;
    }

    public LiveAccuracy Ensemble(string regime)
    {
        if (!_ensemble.TryGetValue(regime, out var live))
            _ensemble[regime] = live = new LiveAccuracy(models.Manifest.Ensemble.Validation.Accuracy);
        return live;
    }
}
