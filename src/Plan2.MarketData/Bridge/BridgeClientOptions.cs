namespace Plan2.MarketData.Bridge;

/// <summary>The EA's inputs, for the C# twin of the EA (tests and the throughput benchmark).</summary>
public sealed record BridgeClientOptions
{
    public required string Host { get; init; }
    public required int Port { get; init; }
    public required string Token { get; init; }
    public required string TerminalId { get; init; }
    public required IReadOnlyList<string> Symbols { get; init; }

    /// <summary>Drawn once per client, like the EA does on start; keep it across reconnects to resume sequences.</summary>
    public ulong SessionId { get; init; } = (ulong)Random.Shared.NextInt64(1, long.MaxValue);

    /// <summary>Upper bound per TICKS frame; the server's WELCOME limit applies when lower.</summary>
    public int MaxTicksPerBatch { get; init; } = 1000;

    public int HistoryCapacity { get; init; } = 65_536;

    /// <summary>
    /// True: ticks leave the resend ring once acknowledged, as the protocol allows (an ACK means stored), so the ring
    /// holds only what the platform does not have. A terminal that relies on that loses nothing only if ACK means durable.
    /// </summary>
    public bool ReleaseAcknowledged { get; init; }

    /// <summary>False gives a terminal that goes silent (for heartbeat-timeout tests).</summary>
    public bool SendHeartbeats { get; init; } = true;

    /// <summary>What the "terminal" answers to an ORDER; without it every order is rejected with 10013.</summary>
    public Func<OrderCommand, OrderResultMessage>? OnOrder { get; init; }

    /// <summary>
    /// The terminal's trading side (orders, positions, deals) when set: it answers ORDER (its behaviour
    /// decides accept, reject or partial fills, whose FILLs follow the ORDER_RESULT) and SNAPSHOT_REQUEST.
    /// Wins over <see cref="OnOrder"/>.
    /// </summary>
    public TwinTradeServer? TradeServer { get; init; }

    /// <summary>The terminal's UTC clock (the EA's TimeGMT).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// The broker's trade-server clock (the EA's TimeTradeServer: its wall time read as if it were UTC).
    /// Null is a broker on UTC. Times given to <see cref="BridgeClient.Append"/> and fills are on this clock.
    /// </summary>
    public TimeProvider? TradeServerClock { get; init; }

    /// <summary>The version of the first HELLO; an older server's REJECT 2 makes the client fall back, as the EA does.</summary>
    public byte ProtocolVersion { get; init; } = BridgeProtocol.Version;
}
