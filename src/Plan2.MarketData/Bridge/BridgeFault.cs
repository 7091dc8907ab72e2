namespace Plan2.MarketData.Bridge;

/// <summary>Why the server closed a connection or dropped one of its frames; counted per reason.</summary>
public enum BridgeFault
{
    BadMagic,
    UnsupportedVersion,
    FrameTooLarge,
    UnknownType,
    UnexpectedType,
    FrameSequence,
    Malformed,
    UnknownSymbol,
    BatchTooLarge,
    HelloRequired,
    AuthFailed,

    /// <summary>A terminal with the terminals' token named itself like one of the platform's own feeds.</summary>
    ReservedTerminalId,
    BadSymbols,
    HelloTimeout,
    HeartbeatTimeout,
    Truncated,
    SinkFailed,
    Replaced,
    ServerFull,

    /// <summary>A bug of ours, confined to one connection.</summary>
    Internal,

    /// <summary>Dropped, connection kept: an ORDER_RESULT or FILL with non-finite numbers.</summary>
    InvalidReport,

    /// <summary>Dropped, connection kept: a TICKS_LOST that does not touch the server's next sequence.</summary>
    StaleLoss,

    /// <summary>An authenticated peer started a frame and did not finish it in time (a trickle).</summary>
    FrameTimeout,

    /// <summary>A connection still without HELLO made way for a newer one (its address's or the handshake room's limit).</summary>
    HandshakeEvicted,

    /// <summary>Ticks the sink took were not stored (e.g. the instrument's silo died with its queue): closed so the terminal resends.</summary>
    NotStored,
}
