using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;

namespace Plan2.Web.Services.Insights;

/// <summary>A prediction with what happened: the close <see cref="PredictionOutcomes.Horizon"/> bars later against its bar's close.</summary>
public sealed record ResolvedPrediction(PredictionView Prediction, int? Realised)
{
    /// <summary>Null while the horizon has not passed, the bars are not at hand, or the close did not move (ties are dropped, as in training).</summary>
    public bool? Hit => Realised is { } r ? r == Prediction.Direction : null;
}

/// <summary>One bucket of predicted P(up) with how often the price did go up in it.</summary>
public sealed record CalibrationBucket(double From, double To, int Count, double MeanPredicted, double ObservedUp);

/// <summary>Scores predictions against the bars that followed, the way the predictor scores itself (direction of the close 5 bars ahead).</summary>
public static class PredictionOutcomes
{
    public const int Horizon = 5;

    public static IReadOnlyList<ResolvedPrediction> Resolve(IReadOnlyList<PredictionView> predictions, IReadOnlyList<BarView> bars)
    {
        var ordered = bars.OrderBy(b => b.OpenTimeUnixMs).ToList();
        var index = new Dictionary<long, int>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
            index[ordered[i].OpenTimeUnixMs] = i;
        return [.. predictions.Select(p =>
        {
            if (!index.TryGetValue(p.BarTimeUnixMs, out var i) || i + Horizon >= ordered.Count)
                return new ResolvedPrediction(p, null);
            var move = Math.Sign(ordered[i + Horizon].Close - ordered[i].Close);
            return new ResolvedPrediction(p, move == 0 ? null : move);
        })];
    }

    /// <summary>Resolved predictions in <paramref name="buckets"/> equal-width P(up) buckets; empty buckets are left out.</summary>
    public static IReadOnlyList<CalibrationBucket> Calibration(IEnumerable<ResolvedPrediction> resolved, int buckets = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        return [.. resolved
            .Where(r => r.Realised is not null)
            .GroupBy(r => Math.Min(buckets - 1, (int)(r.Prediction.ProbabilityUp * buckets)))
            .OrderBy(g => g.Key)
            .Select(g => new CalibrationBucket((double)g.Key / buckets, (double)(g.Key + 1) / buckets, g.Count(),
                g.Average(r => r.Prediction.ProbabilityUp), g.Count(r => r.Realised > 0) / (double)g.Count()))];
    }
}
