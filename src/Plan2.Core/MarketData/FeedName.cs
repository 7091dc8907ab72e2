namespace Plan2.Core.MarketData;

/// <summary>Feed names: <c>terminal#session</c>.</summary>
public static class FeedName
{
    /// <summary>"terminal#": what every session of the feed's terminal starts with (a terminal id may hold '#' itself).</summary>
    public static string TerminalPrefix(string feed)
    {
        var hash = feed.LastIndexOf('#');
        return hash < 0 ? feed + "#" : feed[..(hash + 1)];
    }
}
