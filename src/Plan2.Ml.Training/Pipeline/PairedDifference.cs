namespace Plan2.Ml.Training.Pipeline;

/// <summary>
/// How far apart two models' log losses are on the same rows, and how sure that is: the mean and standard
/// error of the per-row difference. Edges here are a few ten-thousandths of a nat, so a gap without its
/// standard error says little. Rows overlap (5-bar labels), so the per-row error understates the true one.
/// </summary>
public static class PairedDifference
{
    public static (double Mean, double StandardError, long Rows) LogLoss(float[] a, float[] b, float[] labels)
    {
        double sum = 0, sumSq = 0;
        long n = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            if (!float.IsFinite(labels[i]) || !float.IsFinite(a[i]) || !float.IsFinite(b[i])) continue;
            var d = Loss(a[i], labels[i]) - Loss(b[i], labels[i]);
            sum += d; sumSq += d * d; n++;
        }
        if (n < 2) return (double.NaN, double.NaN, n);
        var mean = sum / n;
        return (mean, Math.Sqrt(Math.Max(sumSq / n - mean * mean, 0) / n), n);
    }

    /// <summary>The same clamping as <see cref="MetricsCalculator"/>, so the mean equals the difference of its log losses.</summary>
    private static double Loss(float p, float y)
    {
        var q = Math.Clamp(p, 1e-7, 1 - 1e-7);
        return -(y * Math.Log(q) + (1 - y) * Math.Log(1 - q));
    }
}
