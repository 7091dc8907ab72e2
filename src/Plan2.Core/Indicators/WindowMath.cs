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
    public static double SumOfOffsets(ReadOnlySpan<double> values, double origin) => SumOf<Offset>(values, origin);

    /// <summary>Σ (v − mean)².</summary>
    public static double SumOfSquaredDeviations(ReadOnlySpan<double> values, double mean) => SumOf<Square>(values, mean);

    /// <summary>Σ |v − mean|.</summary>
    public static double SumOfAbsoluteDeviations(ReadOnlySpan<double> values, double mean) => SumOf<Absolute>(values, mean);

    /// <summary>Σ term(v − center) in four lanes; a struct term, so each sum is compiled with its term inlined.</summary>
    private static double SumOf<TTerm>(ReadOnlySpan<double> values, double center) where TTerm : struct, ITerm
    {
        double a = 0, b = 0, c = 0, d = 0;
        var i = 0;
        for (; i + 3 < values.Length; i += 4)
        {
            a += TTerm.Of(values[i] - center);
            b += TTerm.Of(values[i + 1] - center);
            c += TTerm.Of(values[i + 2] - center);
            d += TTerm.Of(values[i + 3] - center);
        }
        for (; i < values.Length; i++)
            a += TTerm.Of(values[i] - center);
        return (a + b) + (c + d);
    }

    private interface ITerm
    {
        static abstract double Of(double deviation);
    }

    private readonly struct Offset : ITerm
    {
        public static double Of(double deviation) => deviation;
    }

    private readonly struct Square : ITerm
    {
        public static double Of(double deviation) => deviation * deviation;
    }

    private readonly struct Absolute : ITerm
    {
        public static double Of(double deviation) => Math.Abs(deviation);
    }
}
