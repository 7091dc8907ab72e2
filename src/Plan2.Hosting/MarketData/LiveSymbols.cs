using System.Collections.Concurrent;
using Plan2.MarketData.Bridge;

namespace Plan2.Hosting.MarketData;

/// <summary>
/// The rule between a live MT5 terminal and the replay on one silo: a symbol a terminal streams is the terminal's,
/// and the replay leaves it from then on, also after the terminal goes. Replayed history is older than live ticks,
/// so the instrument would refuse it as out of order (its quotes froze at the terminal's last tick), and after a
/// terminal's short disconnect old history must not come back between live prices. Other symbols replay on.
/// </summary>
public sealed class LiveSymbols
{
    private readonly ConcurrentDictionary<string, string> _takenBy = new(StringComparer.Ordinal); // symbol → terminal id
    private readonly ConcurrentDictionary<string, long> _connected = new(StringComparer.Ordinal); // terminal id → its connection now

    public void Connected(BridgeSession session)
    {
        _connected[session.TerminalId] = session.ConnectionId;
        foreach (var symbol in session.Symbols)
            _takenBy[symbol] = session.TerminalId;
    }

    /// <summary>Only that connection's end: a terminal that reconnected is still connected when its old connection closes.</summary>
    public void Disconnected(BridgeSession session) =>
        _connected.TryRemove(new KeyValuePair<string, long>(session.TerminalId, session.ConnectionId));

    /// <summary>Whether the replay must leave this symbol: a live terminal streams (or streamed) it.</summary>
    public bool IsLive(string symbol) => _takenBy.ContainsKey(symbol);

    /// <summary>What feed health says of the replayed symbols a terminal took, e.g. "EURUSD live from terminal '1@Demo'".</summary>
    public IReadOnlyList<string> Describe(IEnumerable<string> replayed) =>
    [
        .. replayed.Where(IsLive).Order(StringComparer.Ordinal).Select(s => _takenBy[s] is var terminal && _connected.ContainsKey(terminal)
            ? $"{s} live from terminal '{terminal}'"
            : $"{s} left to terminal '{terminal}', now disconnected (not replayed again: history is older than its ticks)"),
    ];
}
