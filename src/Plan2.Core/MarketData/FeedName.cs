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

    /// <summary>
    /// Whether <paramref name="feed"/> is a session of the terminal whose prefix is <paramref name="terminalPrefix"/>:
    /// the prefix and a session with no '#' after it ("abc#" is not a prefix of terminal "abc#def"'s sessions).
    /// </summary>
    public static bool IsSessionOf(string feed, string terminalPrefix) =>
        feed.StartsWith(terminalPrefix, StringComparison.Ordinal) && feed.IndexOf('#', terminalPrefix.Length) < 0;
}
