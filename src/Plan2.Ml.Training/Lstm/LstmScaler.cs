namespace Plan2.Ml.Training.Lstm;

/// <summary>
/// Per-feature standardisation fitted on the training windows. Raw features differ by orders of magnitude
/// (returns ~1e-4, RSI ~50) and an LSTM's saturating gates need inputs near unit scale. Missing values (NaN)
/// become 0 after scaling, i.e. the training mean, in training, <see cref="LstmModel.Predict"/> and the ONNX graph alike.
/// </summary>
internal static class LstmScaler
{
    /// <summary>Mean and 1/std per feature over rows [first, first + count), ignoring NaN (two passes: price-like features cancel badly in one).</summary>
    public static (float[] Mean, float[] InvStd) Fit(SequenceData data, int first, int count)
    {
        int f = data.Features;
        var sum = new double[f];
        var n = new long[f];
        long start = (long)first * data.Steps * f, end = (long)(first + count) * data.Steps * f;
        for (long i = start; i < end; i++)
        {
            float x = data.X[i];
            if (float.IsNaN(x)) continue;
            int k = (int)(i % f);
            sum[k] += x;
            n[k]++;
        }
        var mean = new double[f];
        for (int k = 0; k < f; k++) mean[k] = n[k] > 0 ? sum[k] / n[k] : 0;
        var sq = new double[f];
        for (long i = start; i < end; i++)
        {
            float x = data.X[i];
            if (float.IsNaN(x)) continue;
            double d = x - mean[(int)(i % f)];
            sq[(int)(i % f)] += d * d;
        }
        var meanF = new float[f];
        var invStd = new float[f];
        for (int k = 0; k < f; k++)
        {
            double std = n[k] > 1 ? Math.Sqrt(sq[k] / (n[k] - 1)) : 0;
            meanF[k] = (float)mean[k];
            // A constant (or empty) feature carries no information; scale 1 keeps it finite (it becomes 0).
            invStd[k] = std > 1e-12 && double.IsFinite(1 / std) ? (float)(1 / std) : 1f;
        }
        return (meanF, invStd);
    }

    /// <summary>Writes row <paramref name="row"/>'s window, scaled, into <paramref name="dest"/>, with float arithmetic as ONNX Runtime does.</summary>
    public static void Fill(SequenceData data, int row, float[] mean, float[] invStd, Span<double> dest)
    {
        int f = data.Features, len = data.Steps * f;
        ReadOnlySpan<float> src = data.X.AsSpan(row * len, len);
        for (int i = 0, k = 0; i < len; i++)
        {
            float z = (src[i] - mean[k]) * invStd[k];
            dest[i] = float.IsNaN(z) ? 0 : z;
            if (++k == f) k = 0;
        }
    }
}
