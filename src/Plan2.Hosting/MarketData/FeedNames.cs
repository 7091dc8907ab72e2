namespace Plan2.Hosting.MarketData;

/// <summary>Terminal ids the platform uses for its own feeds over the bridge.</summary>
public static class FeedNames
{
    /// <summary>Feeds of history that is already stored: their ticks are not recorded again.</summary>
    public const string InternalPrefix = "plan2-";
    public const string ReplayTerminal = "plan2-replay";

    public static bool IsInternal(string terminalId) => terminalId.StartsWith(InternalPrefix, StringComparison.Ordinal);
}
