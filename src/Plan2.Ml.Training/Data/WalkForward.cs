namespace Plan2.Ml.Training.Data;

/// <summary>One walk-forward step: train on rows [0, TrainEnd), validate on [ValidationStart, ValidationEnd).</summary>
public readonly record struct Fold(int TrainEnd, int ValidationStart, int ValidationEnd);

/// <summary>
/// Expanding-window walk-forward splits over rows sorted by time. A training row's label looks
/// <c>labelSpanMs</c> ahead, so every training row whose label window reaches the validation block
/// is dropped (purged): no model ever sees a label from its own validation window.
/// </summary>
public static class WalkForward
{
    public static IReadOnlyList<Fold> Split(IReadOnlyList<long> sortedTimesMs, int folds, double validationShare, long labelSpanMs)
    {
        var rows = sortedTimesMs.Count;
        if (folds < 1 || validationShare is <= 0 or >= 1 || labelSpanMs < 0)
            throw new ArgumentOutOfRangeException(nameof(folds), "Need folds ≥ 1, 0 < validation share < 1, label span ≥ 0.");
        var validationRows = (int)(rows * validationShare);
        var block = validationRows / folds;
        if (block < 1)
            throw new ArgumentException($"{rows} rows are too few for {folds} folds.");
        var result = new List<Fold>();
        for (var k = 0; k < folds; k++)
        {
            var start = rows - validationRows + k * block;
            var end = k == folds - 1 ? rows : start + block;
            var trainEnd = start;
            while (trainEnd > 0 && sortedTimesMs[trainEnd - 1] + labelSpanMs >= sortedTimesMs[start])
                trainEnd--;
            if (trainEnd < 1)
                throw new ArgumentException($"{rows} rows leave nothing to train on before fold {k + 1}.");
            result.Add(new Fold(trainEnd, start, end));
        }
        return result;
    }
}
