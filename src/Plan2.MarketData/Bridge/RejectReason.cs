namespace Plan2.MarketData.Bridge;

/// <summary>Why the server refused or closed a connection (REJECT's reason field). Wire constants: never renumber.</summary>
public enum RejectReason : ushort
{
    HelloRequired = 1,
    UnsupportedVersion = 2,
    AuthFailed = 3,
    MalformedHello = 4,
    BadSymbols = 5,
    ServerFull = 6,
    Timeout = 7,
    ProtocolError = 8,
    Replaced = 9,
    ServerStopping = 10,
}
