using Plan2.Ml.Training.Lstm;

namespace Plan2.Ml.Training.Transformer;

/// <summary>
/// Row-major dense kernels for the Transformer's forward and backward passes (matrices of a few dozen
/// rows and columns). Inner loops run along contiguous rows through <see cref="VectorMath"/>.
/// </summary>
internal static class DenseMath
{
    /// <summary>c[m, n] += a[m, k] · b[k, n].</summary>
    public static void MulAdd(ReadOnlySpan<double> a, int m, int k, ReadOnlySpan<double> b, int n, Span<double> c)
    {
        for (int i = 0; i < m; i++)
        {
            var row = c.Slice(i * n, n);
            for (int p = 0; p < k; p++)
            {
                double s = a[i * k + p];
                if (s != 0) VectorMath.Axpy(s, b.Slice(p * n, n), row);
            }
        }
    }

    /// <summary>c[m, n] += a[m, k] · b[n, k]ᵀ.</summary>
    public static void MulTransposedAdd(ReadOnlySpan<double> a, int m, int k, ReadOnlySpan<double> b, int n, Span<double> c)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                c[i * n + j] += VectorMath.Dot(a.Slice(i * k, k), b.Slice(j * k, k));
    }

    /// <summary>c[m, n] += a[k, m]ᵀ · b[k, n] (a weight gradient: inputs transposed times output gradients).</summary>
    public static void TransposedMulAdd(ReadOnlySpan<double> a, int k, int m, ReadOnlySpan<double> b, int n, Span<double> c)
    {
        for (int p = 0; p < k; p++)
        {
            var bRow = b.Slice(p * n, n);
            for (int i = 0; i < m; i++)
            {
                double s = a[p * m + i];
                if (s != 0) VectorMath.Axpy(s, bRow, c.Slice(i * n, n));
            }
        }
    }

    /// <summary>Every row of x[rows, n] gets bias[n] added.</summary>
    public static void AddRows(Span<double> x, int rows, ReadOnlySpan<double> bias)
    {
        int n = bias.Length;
        for (int r = 0; r < rows; r++) VectorMath.Axpy(1.0, bias, x.Slice(r * n, n));
    }

    /// <summary>sum[n] += Σ over rows of x[rows, n] (a bias gradient).</summary>
    public static void SumRows(ReadOnlySpan<double> x, int rows, Span<double> sum)
    {
        int n = sum.Length;
        for (int r = 0; r < rows; r++) VectorMath.Axpy(1.0, x.Slice(r * n, n), sum);
    }

    public const double LayerNormEpsilon = 1e-5;

    /// <summary>
    /// Layer normalisation of each row over its n values, as ONNX LayerNormalization computes it (biased
    /// variance, epsilon inside the root): y = gain · x̂ + bias. Keeps x̂ and 1/σ for backward.
    /// </summary>
    public static void LayerNorm(ReadOnlySpan<double> x, int rows, ReadOnlySpan<double> gain, ReadOnlySpan<double> bias,
        Span<double> y, Span<double> xHat, Span<double> invStd)
    {
        int n = gain.Length;
        for (int r = 0; r < rows; r++)
        {
            var row = x.Slice(r * n, n);
            double mean = 0;
            for (int j = 0; j < n; j++) mean += row[j];
            mean /= n;
            double variance = 0;
            for (int j = 0; j < n; j++) variance += (row[j] - mean) * (row[j] - mean);
            double inv = 1 / Math.Sqrt(variance / n + LayerNormEpsilon);
            invStd[r] = inv;
            for (int j = 0; j < n; j++)
            {
                double h = (row[j] - mean) * inv;
                xHat[r * n + j] = h;
                y[r * n + j] = gain[j] * h + bias[j];
            }
        }
    }

    /// <summary>Backward of <see cref="LayerNorm"/>: adds to dx, dGain and dBias.</summary>
    public static void LayerNormBackward(ReadOnlySpan<double> dy, int rows, ReadOnlySpan<double> gain, ReadOnlySpan<double> xHat,
        ReadOnlySpan<double> invStd, Span<double> dx, Span<double> dGain, Span<double> dBias)
    {
        int n = gain.Length;
        for (int r = 0; r < rows; r++)
        {
            double meanD = 0, meanDx = 0;
            for (int j = 0; j < n; j++)
            {
                double g = dy[r * n + j], h = xHat[r * n + j];
                dGain[j] += g * h;
                dBias[j] += g;
                double d = g * gain[j];
                meanD += d;
                meanDx += d * h;
            }
            meanD /= n;
            meanDx /= n;
            for (int j = 0; j < n; j++)
                dx[r * n + j] += invStd[r] * (dy[r * n + j] * gain[j] - meanD - xHat[r * n + j] * meanDx);
        }
    }
}
