namespace Plan2.MarketData.Bridge;

/// <summary>
/// What the server remembers of one terminal id across its connections: the owning connection and
/// the cursors of its current session. Kept for authenticated terminals only, so its size is bounded
/// by the terminals we gave a token to.
/// </summary>
internal sealed class TerminalState
{
    private readonly Dictionary<string, SymbolCursor> _cursors = new(StringComparer.Ordinal);
    private ulong _sessionId;

    public BridgeConnection? Owner { get; set; }

    /// <summary>The cursors for a HELLO; a different session id means the EA restarted its sequences.</summary>
    public SymbolCursor[] Bind(ulong sessionId, IReadOnlyList<string> symbols)
    {
        lock (_cursors)
        {
            if (sessionId != _sessionId)
            {
                _sessionId = sessionId;
                _cursors.Clear();
            }
            var bound = new SymbolCursor[symbols.Count];
            for (var i = 0; i < bound.Length; i++)
            {
                if (!_cursors.TryGetValue(symbols[i], out var cursor))
                    _cursors[symbols[i]] = cursor = new SymbolCursor(symbols[i]);
                bound[i] = cursor;
            }
            return bound;
        }
    }
}
