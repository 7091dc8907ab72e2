namespace Plan2.Ml.Lifecycle;

/// <summary>A scoreboard's kept pairs, oldest first, and how many it ever recorded: what survives a restart.</summary>
public sealed record ShadowPairs(double[] Champion, double[] Challenger, bool[] Up, long TotalRecorded)
{
    public int Count => Up.Length;
}
