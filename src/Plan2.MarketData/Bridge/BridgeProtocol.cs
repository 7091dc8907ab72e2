namespace Plan2.MarketData.Bridge;

/// <summary>Constants of the wire protocol; PROTOCOL.md is the contract, this file only names its numbers.</summary>
public static class BridgeProtocol
{
    /// <summary>The newest protocol version this build speaks; the header carries it on every frame.</summary>
    public const byte Version = 4;

    /// <summary>The oldest version the server still accepts: an EA of v1 keeps working (without CLOCK).</summary>
    public const byte MinVersion = 1;

    /// <summary>First version with CLOCK and tick times in UTC converted by the EA.</summary>
    public const byte ClockVersion = 2;

    /// <summary>First version with SNAPSHOT_REQUEST and TRADE_SNAPSHOT (reconciliation after a reconnect).</summary>
    public const byte SnapshotVersion = 3;

    /// <summary>
    /// First version with CANCEL, MODIFY, REQUEST_RESULT, ORDER_EVENT, stop-limit and time in force on ORDER, and
    /// commission, swap and fee on FILL. An older EA keeps trading market, limit and stop GTC orders; the rest is
    /// refused before it is sent (<see cref="OrderCommand.NeedsTradingVersion"/>).
    /// </summary>
    public const byte TradingVersion = 4;

    public static bool Speaks(byte version) => version is >= MinVersion and <= Version;

    /// <summary>First two bytes of every frame: ASCII "P2". A stream that does not start so is not ours.</summary>
    public const byte Magic0 = 0x50;
    public const byte Magic1 = 0x32;

    public const int HeaderSize = 16;
    public const int TicksPreambleSize = 16;
    public const int TickRecordSize = 24;

    public const int MaxTokenBytes = 256;
    public const int MaxTerminalIdBytes = 64;
    public const int MaxSymbolBytes = 32;
    public const int MaxOrderIdBytes = 64;
    public const int MaxMessageBytes = 256;

    /// <summary>Payload size of a TICKS frame with <paramref name="count"/> records.</summary>
    public static int TicksPayloadSize(int count) => TicksPreambleSize + count * TickRecordSize;
}
