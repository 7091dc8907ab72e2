using System.Globalization;

namespace Plan2.Ml.Training.Xgboost;

/// <summary>
/// Binary classifier (P(up)) with libxgboost: hist trees, early stopping on validation log loss, and the
/// returned model cut back to the best round so what is exported is what was validated.
/// </summary>
public sealed class XgboostTrainer
{
    public XgboostModel Train(TabularData train, TabularData validation, XgboostOptions options, IProgress<string>? progress = null)
    {
        TabularChecks.Validate(train, nameof(train), requireLabels: true);
        TabularChecks.Validate(validation, nameof(validation), requireLabels: true);
        ArgumentNullException.ThrowIfNull(options);
        if (validation.Features != train.Features)
            throw new ArgumentException(
                $"validation has {validation.Features} features but train has {train.Features}.", nameof(validation));
        if (options.MaxRounds < 1 || options.EarlyStoppingRounds < 1)
            throw new ArgumentException("MaxRounds and EarlyStoppingRounds must be at least 1.", nameof(options));

        using var trainMatrix = DMatrixHandle.FromData(train, withLabels: true);
        using var validMatrix = DMatrixHandle.FromData(validation, withLabels: true);
        // Both matrices are in the booster's cache, so each round's validation prediction only adds the new tree.
        var booster = BoosterHandle.Create(trainMatrix, validMatrix);
        try
        {
            SetParams(booster, options, BaseScore(train.Y));
            var (best, bestLoss, trained) = Boost(booster, trainMatrix, validMatrix, validation.Y, options, progress);
            progress?.Report($"xgboost: kept {best} of {trained} rounds, validation log loss {bestLoss:F6}");
            if (best < trained)
            {
                var sliced = booster.SliceFirst(best);
                booster.Dispose();
                booster = sliced;
            }
            return new XgboostModel(booster, train.Features, best, trained, bestLoss);
        }
        catch
        {
            booster.Dispose();
            throw;
        }
    }

    private static (int Best, double BestLoss, int Trained) Boost(
        BoosterHandle booster, DMatrixHandle trainMatrix, DMatrixHandle validMatrix, float[] validLabels,
        XgboostOptions options, IProgress<string>? progress)
    {
        int best = 0, round = 0;
        var bestLoss = double.PositiveInfinity;
        while (round < options.MaxRounds && round - best < options.EarlyStoppingRounds)
        {
            booster.UpdateOneIter(round, trainMatrix);
            round++;
            var loss = LogLoss(booster.Predict(validMatrix), validLabels);
            // Strictly lower: on a plateau the shorter model wins.
            if (loss < bestLoss)
            {
                bestLoss = loss;
                best = round;
            }
            if (round % 10 == 0)
                progress?.Report($"xgboost round {round}: validation log loss {loss:F6} (best {bestLoss:F6} at {best})");
        }
        return (best, bestLoss, round);
    }

    private static void SetParams(BoosterHandle booster, XgboostOptions o, double baseScore)
    {
        string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        booster.SetParam("objective", "binary:logistic");
        booster.SetParam("eval_metric", "logloss");
        booster.SetParam("tree_method", "hist");
        booster.SetParam("nthread", o.Threads.ToString(CultureInfo.InvariantCulture));
        booster.SetParam("seed", o.Seed.ToString(CultureInfo.InvariantCulture));
        booster.SetParam("max_depth", o.MaxDepth.ToString(CultureInfo.InvariantCulture));
        booster.SetParam("eta", F(o.Eta));
        booster.SetParam("subsample", F(o.Subsample));
        booster.SetParam("colsample_bytree", F(o.ColsampleByTree));
        booster.SetParam("min_child_weight", F(o.MinChildWeight));
        booster.SetParam("lambda", F(o.Lambda));
        // Starting from the base rate instead of 0.5 saves the first trees from just learning the imbalance.
        booster.SetParam("base_score", F(baseScore));
        booster.SetParam("verbosity", "1");
    }

    private static double BaseScore(float[] labels)
    {
        var mean = labels.Average(y => (double)y);
        return Math.Clamp(mean, 1e-3, 1 - 1e-3);
    }

    /// <summary>Mean binary cross-entropy in nats, probabilities clipped so a confident miss is finite.</summary>
    internal static double LogLoss(ReadOnlySpan<float> p, ReadOnlySpan<float> y)
    {
        const double eps = 1e-15;
        var sum = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            var q = Math.Clamp((double)p[i], eps, 1 - eps);
            sum -= y[i] == 1f ? Math.Log(q) : Math.Log(1 - q);
        }
        return sum / p.Length;
    }
}
