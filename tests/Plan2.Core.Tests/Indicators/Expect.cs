namespace Plan2.Core.Tests.Indicators;

/// <summary>Assertions that name the bar, so a failing reference comparison says where it broke.</summary>
internal static class Expect
{
    public static void Near(double expected, double actual, double tolerance, string what, int index)
    {
        Assert.False(double.IsNaN(actual), $"{what} at index {index} is NaN, expected {expected}.");
        Assert.True(Math.Abs(expected - actual) <= tolerance,
            $"{what} at index {index}: expected {expected} ± {tolerance}, got {actual} (off by {Math.Abs(expected - actual):G3}).");
    }

    /// <summary>Checks a published run of values starting at <paramref name="firstIndex"/> against one series.</summary>
    public static void Series(double[] expected, int firstIndex, double[] actual, double tolerance, string what)
    {
        for (var i = 0; i < expected.Length; i++)
            Near(expected[i], actual[firstIndex + i], tolerance, what, firstIndex + i);
    }
}
