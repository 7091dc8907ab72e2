using Plan2.MarketData.Bridge;

namespace Plan2.Hosting.MarketData;

/// <summary>
/// Terminal ids the platform uses for its own feeds over the bridge. The name is only a label: a feed
/// is internal (its ticks, history already stored, are not recorded again) because it presented the
/// server's internal token, and an outside terminal may not take a name of this prefix.
/// </summary>
public static class FeedNames
{
    public const string InternalPrefix = BridgeServer.ReservedTerminalPrefix;
    public const string ReplayTerminal = InternalPrefix + "replay";
}
