namespace Plan2.MarketData.Bridge;

/// <summary>A control message that knows its type, its exact payload size and how to write itself.</summary>
public interface IBridgeMessage
{
    BridgeMessageType Type { get; }
    int PayloadSize { get; }
    void Write(ref WireWriter writer);
}
