namespace Plan2.Core.Indicators;

/// <summary>
/// Plain loops over a window: the windows are 3 to 20 wide, where a loop beats any clever structure. The
/// per-element sums run in four interleaved partial sums: one running total is a chain of dependent adds
/// (four cycles each), which made Bollinger's and CCI's four passes most of a bar's cost. The order of the
/// adds is fixed in the code (no SIMD, which measured slower on 20-wide windows), so every machine gets the same bits.
/// </summary>
internal static class WindowMath
{
    public static double Sum(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var v in values)
            sum += v;
        return sum;
    }

    /// <summary>
    /// Mean computed around the first sample: a flat window then gives exactly its value (and zero spread
    /// downstream), and large price levels do not swamp the small differences that matter.
    /// </summary>
    public static double ShiftedMean(ReadOnlySpan<double> values)
    {
        var origin = values[0];
        return origin + SumOfOffsets(values, origin) / values.Length;
    }

    /// <summary>Σ (v − origin).</summary>
    public static double SumOfOffsets(ReadOnlySpan<double> values, double origin)
    {
        double a = 0, b = 0, c = 0, d = 0;
        var i = 0;
        for (; i + 3 < values.Length; i += 4)
        {
            a += values[i] - origin;
            b += values[i + 1] - origin;
            c += values[i + 2] - origin;
            d += values[i + 3] - origin;
        }
        for (; i < values.Length; i++)
            a += values[i] - origin;
        return (a + b) + (c + d);
    }

    /// <summary>Σ (v − mean)².</summary>
    public static double SumOfSquaredDeviations(ReadOnlySpan<double> values, double mean)
    {
        double a = 0, b = 0, c = 0, d = 0;
        var i = 0;
        for (; i + 3 < values.Length; i += 4)
        {
            double x0 = values[i] - mean, x1 = values[i + 1] - mean, x2 = values[i + 2] - mean, x3 = values[i + 3] - mean;
            a += x0 * x0;
            b += x1 * x1;
            c += x2 * x2;
            d += x3 * x3;
        }
        for (; i < values.Length; i++)
        {
            var x = values[i] - mean;
            a += x * x;
        }
        return (a + b) + (c + d);
    }

    /// <summary>Σ |v − mean|.</summary>
    public static double SumOfAbsoluteDeviations(ReadOnlySpan<double> values, double mean)
    {
        double a = 0, b = 0, c = 0, d = 0;
        var i = 0;
        for (; i + 3 < values.Length; i += 4)
        {
            a += Math.Abs(values[i] - mean);
            b += Math.Abs(values[i + 1] - mean);
            c += Math.Abs(values[i + 2] - mean);
            d += Math.Abs(values[i + 3] - mean);
        }
        for (; i < values.Length; i++)
            a += Math.Abs(values[i] - mean);
        return (a + b) + (c + d);
    }
}
