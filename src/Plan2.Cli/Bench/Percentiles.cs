namespace Plan2.Cli.Bench;

/// <summary>The benches' one reading of a quantile: the value at ⌊q·n⌋ of the sorted samples (the median at n/2).</summary>
internal static class Percentiles
{
    public static double Of(IReadOnlyList<double> sorted, double q) => sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(q * sorted.Count))];
}
