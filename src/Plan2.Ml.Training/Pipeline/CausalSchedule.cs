using Plan2.Ml.Training.Data;

namespace Plan2.Ml.Training.Pipeline;

/// <summary>
/// When the stacked ensemble is refitted and scored during walk-forward: the folds' validation rows cut
/// into blocks (a quarter fold each by default), every block from <see cref="FirstScored"/> on scored by
/// weights fitted on the rows of the blocks before it only, with the labels that reach into the block
/// purged. Refitting every block rather than every fold lets the stacker and the choice of combiner use
/// all that was known at the time, and scores more rows than "fold 1 fits, folds 2–3 score".
/// </summary>
public sealed record CausalSchedule(IReadOnlyList<(int Start, int End)> Blocks, int FirstScored, long[] TimesMs, long LabelSpanMs)
{
    public const int DefaultBlocksPerFold = 4;

    /// <summary>Each fold's validation block cut into equal parts; scoring starts after half the first fold (the rest only fits).</summary>
    public static CausalSchedule Of(IReadOnlyList<Fold> folds, long[] timesMs, long labelSpanMs, int blocksPerFold = DefaultBlocksPerFold)
    {
        if (folds.Count == 0 || blocksPerFold < 1)
            throw new ArgumentException("Need at least one fold and one block per fold.");
        var blocks = new List<(int, int)>();
        foreach (var f in folds)
        {
            var length = f.ValidationEnd - f.ValidationStart;
            var parts = Math.Min(blocksPerFold, Math.Max(length, 1));
            for (var b = 0; b < parts; b++)
                blocks.Add((f.ValidationStart + b * length / parts, f.ValidationStart + (b + 1) * length / parts));
        }
        return new CausalSchedule(blocks, Math.Max(1, Math.Min(blocksPerFold / 2, blocks.Count - 1)), timesMs, labelSpanMs);
    }

    public IEnumerable<int> Scored => Enumerable.Range(FirstScored, Math.Max(0, Blocks.Count - FirstScored));

    /// <summary>Labels known before block <paramref name="block"/> starts: earlier blocks' rows whose label window ends before it; NaN elsewhere.</summary>
    public float[] LabelsBefore(float[] y, int block)
    {
        var start = Blocks[block].Start;
        var known = CausalStacking.Nan(y.Length);
        for (var i = Blocks[0].Start; i < start; i++)
            if (TimesMs[i] + LabelSpanMs < TimesMs[start])
                known[i] = y[i];
        return known;
    }

    /// <summary>
    /// The labels of the scored blocks in [<see cref="FirstScored"/>, <paramref name="untilBlock"/>) known when block
    /// <paramref name="untilBlock"/> starts (a label reaching into it is purged, as in <see cref="LabelsBefore"/>); NaN elsewhere.
    /// </summary>
    public float[] ScoredLabels(float[] y, int untilBlock)
    {
        var masked = CausalStacking.Nan(y.Length);
        for (var b = FirstScored; b < Math.Min(untilBlock, Blocks.Count); b++)
            Array.Copy(y, Blocks[b].Start, masked, Blocks[b].Start, Blocks[b].End - Blocks[b].Start);
        if (untilBlock < Blocks.Count)
        {
            var start = Blocks[untilBlock].Start;
            for (var i = start - 1; i >= Blocks[0].Start && TimesMs[i] + LabelSpanMs >= TimesMs[start]; i--)
                masked[i] = float.NaN;
        }
        return masked;
    }
}
