namespace Plan2.Core.Indicators;

/// <summary>Plain loops over a window: the windows are 3 to 20 wide, where a loop beats any clever structure.</summary>
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
        var offset = 0.0;
        foreach (var v in values)
            offset += v - origin;
        return origin + offset / values.Length;
    }
}
