namespace Plan2.Core.Flows;

/// <summary>A feed and the symbols it delivers.</summary>
public sealed record FeedFlow(string FeedId, string Kind, IReadOnlyList<string> Symbols, double TicksPerSecond);

/// <summary>An MT5 terminal and the account ("TENANT/ACCOUNT") linked to it, if any.</summary>
public sealed record TerminalFlow(string TerminalId, string? Account);

/// <summary>
/// The raw material of a flow graph, as read from the cluster: the feeds, and the keys of the active
/// instruments ("EURUSD"), predictors ("EURUSD/M1"), strategies ("TENANT/ACCOUNT/ID/SYMBOL"), accounts
/// ("TENANT/ACCOUNT"), paper books (the paper broker's symbols) and MT5 terminals.
/// </summary>
public sealed record FlowSnapshot(
    IReadOnlyList<FeedFlow> Feeds,
    IReadOnlyList<string> Instruments,
    IReadOnlyList<string> Predictors,
    IReadOnlyList<string> Strategies,
    IReadOnlyList<string> Accounts,
    IReadOnlyList<string> PaperBooks,
    IReadOnlyList<TerminalFlow> Terminals);
