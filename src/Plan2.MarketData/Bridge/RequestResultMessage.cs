namespace Plan2.MarketData.Bridge;

/// <summary>
/// EA → server (version 4), the synchronous answer to one CANCEL or MODIFY: OrderSend's retcode (10009 done;
/// anything else refused, e.g. the order is no longer pending because it just filled) and its description.
/// </summary>
public sealed record RequestResultMessage(BridgeRequestAction Action, uint Retcode, ulong OrderTicket, string ClientOrderId, string Message)
    : IBridgeMessage
{
    public BridgeMessageType Type => BridgeMessageType.RequestResult;

    public int PayloadSize => 16 + WireWriter.StrSize(ClientOrderId) + WireWriter.StrSize(Message);

    public bool IsDone => Mt5Retcode.IsSuccess(Retcode);

    public void Write(ref WireWriter writer)
    {
        writer.U8((byte)Action);
        writer.U8(0);
        writer.U16(0);
        writer.U32(Retcode);
        writer.U64(OrderTicket);
        writer.Str(ClientOrderId);
        writer.Str(Message);
    }

    public static RequestResultMessage? Read(ReadOnlySpan<byte> payload)
    {
        var reader = new WireReader(payload);
        var action = (BridgeRequestAction)reader.U8();
        reader.U8();
        reader.U16();
        var retcode = reader.U32();
        var ticket = reader.U64();
        var id = reader.Str(BridgeProtocol.MaxOrderIdBytes);
        var message = reader.Str(BridgeProtocol.MaxMessageBytes);
        return reader.Complete && Enum.IsDefined(action) ? new RequestResultMessage(action, retcode, ticket, id, message) : null;
    }
}
