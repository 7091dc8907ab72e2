namespace Plan2.Ml.Serving;

/// <summary>
/// A model's accuracy on realised outcomes, as an exponentially weighted hit rate with a prior:
/// until enough predictions resolve it stays near the model's validation accuracy, then follows live
/// results over the <see cref="LiveMemory"/>'s span, so one lucky stretch does not reweight the ensemble.
/// </summary>
public sealed class LiveAccuracy(double prior, LiveMemory memory)
{
    private readonly double _decay = memory.Decay;
    private double _hits = prior * memory.PriorWeight;
    private double _count = memory.PriorWeight;

    public long Resolved { get; private set; }
    public long Hits { get; private set; }
    public double Value => _hits / _count;
    public double RawValue => Resolved == 0 ? double.NaN : (double)Hits / Resolved;

    public void Record(bool hit)
    {
        _hits = _hits * _decay + (hit ? 1 : 0);
        _count = _count * _decay + 1;
        Resolved++;
        if (hit) Hits++;
    }
}

/// <summary>
/// How long live accuracy remembers: a prior worth <see cref="PriorWeight"/> outcomes at the validation accuracy,
/// every outcome's weight (the prior's too) shrinking by <see cref="Decay"/> with each newer one.
/// </summary>
public sealed record LiveMemory(double PriorWeight, double Decay)
{
    /// <summary>What serving used before the manifest named one: about 1,000 outcomes (half-life ~700).</summary>
    public static readonly LiveMemory Short = new(1000, 0.999);

    /// <summary>About 10,000 outcomes (half-life ~6,900; per regime, so more than a week of M1 bars): a 2 % edge is then measured to about ±0.35 %.</summary>
    public static readonly LiveMemory Long = new(10_000, 0.9999);

    public static IReadOnlyList<(string Name, LiveMemory Memory)> Candidates { get; } = [("short", Short), ("long", Long)];

    /// <summary>The memory a model set's live accuracy keeps: its manifest's, or <see cref="Short"/> for one written before manifests named it.</summary>
    public static LiveMemory Of(EnsembleSpec ensemble) => ensemble.LiveMemory ?? Short;
}
