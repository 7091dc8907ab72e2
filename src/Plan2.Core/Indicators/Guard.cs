namespace Plan2.Core.Indicators;

internal static class Guard
{
    public static int Period(int value, string name, int minimum = 1) =>
        value >= minimum ? value : throw new ArgumentOutOfRangeException(name, value, $"Must be at least {minimum}.");
}
