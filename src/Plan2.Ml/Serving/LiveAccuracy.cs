namespace Plan2.Ml.Serving;

/// <summary>
/// A model's accuracy on realised outcomes, as an exponentially weighted hit rate with a prior:
/// until enough predictions resolve it stays near the model's validation accuracy, then follows live
/// results (half-life ~700 predictions), so one lucky hour does not reweight the ensemble.
/// </summary>
public sealed class LiveAccuracy(double prior, double priorWeight = 1000, double decay = 0.999)
{
    private double _hits = prior * priorWeight;
    private double _count = priorWeight;

    public long Resolved { get; private set; }
    public long Hits { get; private set; }
    public double Value => _hits / _count;
    public double RawValue => Resolved == 0 ? double.NaN : (double)Hits / Resolved;

    public void Record(bool hit)
    {
        _hits = _hits * decay + (hit ? 1 : 0);
        _count = _count * decay + 1;
        Resolved++;
        if (hit) Hits++;
    }
}
