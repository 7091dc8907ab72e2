namespace Plan2.MarketData.Bridge;

/// <summary>
/// EA → server, the first frame of every connection. <see cref="SessionId"/> is drawn once per EA
/// start: the same id on a reconnect means "my tick sequences continue", a new one restarts them at 1.
/// </summary>
public sealed record HelloMessage(ulong SessionId, long ClientTimeMs, string Token, string TerminalId, IReadOnlyList<string> Symbols)
    : IBridgeMessage
{
    public BridgeMessageType Type => BridgeMessageType.Hello;

    public int PayloadSize => 8 + 8 + WireWriter.StrSize(Token) + WireWriter.StrSize(TerminalId) + 2 + Symbols.Sum(WireWriter.StrSize);

    public void Write(ref WireWriter writer)
    {
        writer.U64(SessionId);
        writer.I64(ClientTimeMs);
        writer.Str(Token);
        writer.Str(TerminalId);
        writer.U16(checked((ushort)Symbols.Count));
        foreach (var symbol in Symbols)
            writer.Str(symbol);
    }

    /// <summary>Null when the payload is not a well-formed HELLO within <paramref name="maxSymbols"/>.</summary>
    public static HelloMessage? Read(ReadOnlySpan<byte> payload, int maxSymbols)
    {
        var reader = new WireReader(payload);
        var session = reader.U64();
        var clientTime = reader.I64();
        var token = reader.Str(BridgeProtocol.MaxTokenBytes);
        var terminal = reader.Str(BridgeProtocol.MaxTerminalIdBytes);
        var count = reader.U16();
        if (!reader.Ok || count > maxSymbols)
            return null;
        var symbols = new string[count];
        for (var i = 0; i < count && reader.Ok; i++)
            symbols[i] = reader.Str(BridgeProtocol.MaxSymbolBytes);
        return reader.Complete ? new HelloMessage(session, clientTime, token, terminal, symbols) : null;
    }
}
