using Plan2.Ml.Training.Data;

namespace Plan2.Ml.Training.Pipeline;

/// <summary>
/// The two references every model is shown beside: "majority" always predicts the training
/// up-rate; "last_move" predicts the training frequency of an up move after the last one-bar move's
/// direction (the last move repeated, with honest probabilities).
/// </summary>
public static class Baselines
{
    public const string Majority = "majority";
    public const string LastMove = "last_move";

    /// <summary>Fits both baselines on labelled rows; stored in the manifest as probabilities.</summary>
    public static Dictionary<string, double> Fit(TrainingRows rows, int from, int to)
    {
        double up = 0, n = 0, upAfterUp = 0, afterUp = 0, upAfterDown = 0, afterDown = 0;
        for (var i = from; i < to; i++)
        {
            var y = rows.Y[i];
            if (!float.IsFinite(y)) continue;
            up += y; n++;
            var last = rows.Row(i)[0]; // ret_1: the last bar's move
            if (last > 0) { upAfterUp += y; afterUp++; }
            else if (last < 0) { upAfterDown += y; afterDown++; }
        }
        return new Dictionary<string, double>
        {
            ["p_up"] = n > 0 ? up / n : 0.5,
            ["p_up_after_up"] = afterUp > 0 ? upAfterUp / afterUp : 0.5,
            ["p_up_after_down"] = afterDown > 0 ? upAfterDown / afterDown : 0.5,
        };
    }

    public static float[] Predict(IReadOnlyDictionary<string, double> fitted, string name, TrainingRows rows, int from, int to)
    {
        var p = new float[to - from];
        for (var i = from; i < to; i++)
        {
            var last = rows.Row(i)[0];
            p[i - from] = (float)(name == Majority ? fitted["p_up"]
                : last > 0 ? fitted["p_up_after_up"] : last < 0 ? fitted["p_up_after_down"] : fitted["p_up"]);
        }
        return p;
    }

    public static IReadOnlyList<(string Name, Metrics Metrics)> Score(ModelManifest manifest, TrainingRows rows, float[] labels)
    {
        return [.. new[] { Majority, LastMove }.Select(name =>
            (name, MetricsCalculator.Compute(Predict(manifest.BaselineFit, name, rows, 0, rows.Count), labels, rows.ForwardReturn)))];
    }
}
