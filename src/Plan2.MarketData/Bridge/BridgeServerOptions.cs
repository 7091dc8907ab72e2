using System.Net;
using System.Text;

namespace Plan2.MarketData.Bridge;

/// <summary>Where the bridge listens and the limits it enforces. Bind from configuration section <see cref="SectionName"/>.</summary>
public sealed class BridgeServerOptions
{
    public const string SectionName = "Plan2:Bridge";

    /// <summary>Loopback by default: a terminal on another machine is a deliberate choice (and wants TLS in front).</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>0 picks a free port (tests); read the result from <see cref="BridgeServer.LocalEndPoint"/>.</summary>
    public int Port { get; set; } = 5710;

    /// <summary>Shared secret every HELLO must carry. Required.</summary>
    public string AuthToken { get; set; } = "";

    /// <summary>Authenticated connections. Connections still without HELLO have their own room: they never take these places.</summary>
    public int MaxConnections { get; set; } = 64;

    /// <summary>Connections still without HELLO, in all; when full, the oldest makes way for a newcomer.</summary>
    public int MaxHandshakes { get; set; } = 64;

    /// <summary>Connections still without HELLO from one remote address; when full, that address's oldest makes way.</summary>
    public int MaxHandshakesPerAddress { get; set; } = 8;

    public int MaxFramePayloadBytes { get; set; } = 256 * 1024;

    /// <summary>Before HELLO succeeds a peer may send only this much: unauthenticated peers cost us little.</summary>
    public int MaxHelloBytes { get; set; } = 16 * 1024;

    public int MaxSymbols { get; set; } = 256;
    public int MaxTicksPerBatch { get; set; } = 8192;

    /// <summary>
    /// Ticks a connection has decoded that its sink has not yet taken, across its symbols: each symbol is delivered on
    /// its own (in order, one call at a time) while the read loop goes on, and beyond this the read loop waits (TCP pushes back).
    /// </summary>
    public int MaxQueuedTicks { get; set; } = 65_536;
    /// <summary>From accepting a connection until its whole HELLO has arrived.</summary>
    public TimeSpan HelloTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>A frame whose first byte has arrived must be whole within this, else the connection is closed (a trickle).</summary>
    public TimeSpan FrameTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// After a wrong token, every HELLO from that address waits this long before its token is checked,
    /// doubling per further failure up to <see cref="MaxAuthFailureDelay"/>; forgotten after <see cref="AuthFailureMemory"/>.
    /// </summary>
    public TimeSpan AuthFailureDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxAuthFailureDelay { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan AuthFailureMemory { get; set; } = TimeSpan.FromMinutes(1);
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan OrderTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an open gap waits for its resend before RESEND_REQUEST is sent again.</summary>
    public TimeSpan ResendRetryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How far a terminal's UTC clock, or a tick's time, may be from the server's before the feed's
    /// health says the terminal's clock is off (ticks are still delivered: validation decides).
    /// </summary>
    public TimeSpan ClockTolerance { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Every violation, so that a misconfiguration is reported whole rather than one fix at a time.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!IPAddress.TryParse(Host, out _)) errors.Add($"Host '{Host}' is not an IP address");
        if (Port is < 0 or > 65535) errors.Add("Port must be 0..65535");
        if (AuthToken.Length == 0 || Encoding.UTF8.GetByteCount(AuthToken) > BridgeProtocol.MaxTokenBytes)
            errors.Add($"AuthToken must be 1..{BridgeProtocol.MaxTokenBytes} UTF-8 bytes");
        if (MaxConnections < 1) errors.Add("MaxConnections must be positive");
        if (MaxHandshakes < 1) errors.Add("MaxHandshakes must be positive");
        if (MaxHandshakesPerAddress < 1 || MaxHandshakesPerAddress > MaxHandshakes) errors.Add("MaxHandshakesPerAddress must be 1..MaxHandshakes");
        if (FrameTimeout <= TimeSpan.Zero) errors.Add("FrameTimeout must be positive");
        if (AuthFailureDelay < TimeSpan.Zero || MaxAuthFailureDelay < AuthFailureDelay) errors.Add("AuthFailureDelay must be 0..MaxAuthFailureDelay");
        if (AuthFailureMemory <= TimeSpan.Zero) errors.Add("AuthFailureMemory must be positive");
        if (MaxSymbols is < 1 or > ushort.MaxValue) errors.Add("MaxSymbols must be 1..65535");
        if (MaxTicksPerBatch < 1) errors.Add("MaxTicksPerBatch must be positive");
        if (MaxQueuedTicks < 1) errors.Add("MaxQueuedTicks must be positive");
        if ((long)BridgeProtocol.TicksPayloadSize(Math.Max(MaxTicksPerBatch, 0)) > MaxFramePayloadBytes)
            errors.Add("MaxFramePayloadBytes must hold a TICKS frame of MaxTicksPerBatch ticks");
        if (MaxHelloBytes < 1024 || MaxHelloBytes > MaxFramePayloadBytes) errors.Add("MaxHelloBytes must be 1024..MaxFramePayloadBytes");
        if (HelloTimeout <= TimeSpan.Zero) errors.Add("HelloTimeout must be positive");
        if (HeartbeatInterval <= TimeSpan.Zero) errors.Add("HeartbeatInterval must be positive");
        if (HeartbeatTimeout < 2 * HeartbeatInterval) errors.Add("HeartbeatTimeout must be at least twice HeartbeatInterval");
        if (OrderTimeout <= TimeSpan.Zero) errors.Add("OrderTimeout must be positive");
        if (ResendRetryInterval <= TimeSpan.Zero) errors.Add("ResendRetryInterval must be positive");
        if (ClockTolerance <= TimeSpan.Zero) errors.Add("ClockTolerance must be positive");
        return errors;
    }
}
