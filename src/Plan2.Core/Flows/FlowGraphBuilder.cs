namespace Plan2.Core.Flows;

/// <summary>
/// Draws the flow from a snapshot, by the keys' own meaning: a feed feeds the instruments of its symbols,
/// an instrument its predictors ("SYMBOL/TF"), a predictor the strategies of its symbol (a strategy of a
/// symbol without one hears the instrument directly), a strategy its account (the key's first two parts),
/// an account its MT5 terminal when one is linked to it, else the paper broker.
/// </summary>
public static class FlowGraphBuilder
{
    /// <summary>Nodes drawn per kind; the rest are counted in <see cref="FlowGraph.Hidden"/>.</summary>
    public const int MaxPerKind = 40;
    public const string PaperVenue = "paper";

    public static FlowGraph Build(FlowSnapshot s, int maxPerKind = MaxPerKind)
    {
        ArgumentNullException.ThrowIfNull(s);
        var nodes = new List<FlowNode>();
        var edges = new List<FlowEdge>();
        var hidden = new Dictionary<FlowKind, int>();

        void Add(FlowKind kind, IEnumerable<(string Key, string Label, string? Detail)> items)
        {
            var all = items.DistinctBy(i => i.Key).OrderBy(i => i.Key, StringComparer.Ordinal).ToList();
            nodes.AddRange(all.Take(maxPerKind).Select(i => new FlowNode(FlowGraph.IdOf(kind, i.Key), kind, i.Label, i.Detail)));
            if (all.Count > maxPerKind)
                hidden[kind] = all.Count - maxPerKind;
        }

        var linked = s.Terminals.Where(t => t.Account is not null).ToDictionary(t => t.Account!, t => t.TerminalId, StringComparer.Ordinal);
        var paperAccounts = s.Accounts.Where(a => !linked.ContainsKey(a)).ToList();
        Add(FlowKind.Feed, s.Feeds.Select(FeedNode));
        Add(FlowKind.Instrument, s.Instruments.Select(i => (i, i, (string?)null)));
        Add(FlowKind.Predictor, s.Predictors.Select(p => (p, p, (string?)null)));
        Add(FlowKind.Strategy, s.Strategies.Select(k => (k, StrategyLabel(k), (string?)AccountOf(k))));
        Add(FlowKind.Account, s.Accounts.Select(a => (a, a, (string?)null)));
        var venues = s.Terminals.Select(t => ("mt5:" + t.TerminalId, "MT5 " + t.TerminalId, t.Account is null ? "not linked" : (string?)null)).ToList();
        if (paperAccounts.Count > 0 || s.PaperBooks.Count > 0)
            venues.Add((PaperVenue, "Paper broker", s.PaperBooks.Count > 0 ? $"{s.PaperBooks.Count} books" : null));
        Add(FlowKind.Venue, venues);

        var present = nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        void Link(FlowKind fromKind, string from, FlowKind toKind, string to)
        {
            var (a, b) = (FlowGraph.IdOf(fromKind, from), FlowGraph.IdOf(toKind, to));
            if (present.Contains(a) && present.Contains(b))
                edges.Add(new FlowEdge(a, b));
        }

        foreach (var feed in s.Feeds)
            foreach (var symbol in feed.Symbols)
                Link(FlowKind.Feed, feed.FeedId, FlowKind.Instrument, symbol);
        foreach (var predictor in s.Predictors)
            Link(FlowKind.Instrument, SymbolOfPredictor(predictor), FlowKind.Predictor, predictor);
        foreach (var strategy in s.Strategies)
        {
            var symbol = strategy.Split('/')[^1];
            var predictors = s.Predictors.Where(p => SymbolOfPredictor(p) == symbol).ToList();
            if (predictors.Count == 0)
                Link(FlowKind.Instrument, symbol, FlowKind.Strategy, strategy);
            foreach (var predictor in predictors)
                Link(FlowKind.Predictor, predictor, FlowKind.Strategy, strategy);
            Link(FlowKind.Strategy, strategy, FlowKind.Account, AccountOf(strategy));
        }
        foreach (var account in s.Accounts)
            Link(FlowKind.Account, account, FlowKind.Venue, linked.TryGetValue(account, out var terminal) ? "mt5:" + terminal : PaperVenue);
        return new FlowGraph(nodes, edges.Distinct().ToList(), hidden);
    }

    /// <summary>
    /// A feed named by where it runs ("vm:21694/replay") is titled by its last part: the whole id has no space to wrap at
    /// and ran out of its box. Where it runs, and its kind when the name does not already say it, go to the detail.
    /// </summary>
    private static (string Key, string Label, string? Detail) FeedNode(FeedFlow feed)
    {
        var slash = feed.FeedId.LastIndexOf('/');
        var name = slash < feed.FeedId.Length - 1 ? feed.FeedId[(slash + 1)..] : feed.FeedId;
        string?[] detail =
        [
            slash > 0 && name != feed.FeedId ? feed.FeedId[..slash] : null,
            string.Equals(feed.Kind, name, StringComparison.OrdinalIgnoreCase) ? null : feed.Kind,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{feed.TicksPerSecond:0.#} ticks/s"),
        ];
        return (feed.FeedId, name, string.Join(" · ", detail.OfType<string>()));
    }

    private static string SymbolOfPredictor(string key) => key.Split('/')[0];

    private static string AccountOf(string strategyKey)
    {
        var parts = strategyKey.Split('/');
        return parts.Length >= 2 ? $"{parts[0]}/{parts[1]}" : strategyKey;
    }

    private static string StrategyLabel(string key)
    {
        var parts = key.Split('/');
        return parts.Length == 4 ? $"{parts[2]} {parts[3]}" : key;
    }
}
