using System.Buffers.Text;
using System.Net.WebSockets;
using System.Text;

namespace Plan2.Cli.Bench;

/// <summary>
/// The little of SignalR's JSON hub protocol a quote subscriber needs, over a plain WebSocket: records are JSON
/// objects ended by 0x1E; a handshake first, then invocations (type 1), completions (type 3) and pings (type 6).
/// </summary>
internal static class SignalRWire
{
    private const byte Separator = 0x1E;
    private static readonly byte[] QuoteTarget = "\"target\":\"quote\""u8.ToArray();
    private static readonly byte[] BidField = "\"bid\":"u8.ToArray();

    public static readonly byte[] Handshake = Record("{\"protocol\":\"json\",\"version\":1}");
    public static readonly byte[] Ping = Record("{\"type\":6}");

    public delegate bool RecordTest(ReadOnlySpan<byte> record);

    public static byte[] Invocation(string id, string target, string argument) =>
        Record($"{{\"type\":1,\"invocationId\":\"{id}\",\"target\":\"{target}\",\"arguments\":[\"{argument}\"]}}");

    /// <summary>The handshake's answer: "{}", or an error that fails the subscriber.</summary>
    public static bool IsHandshakeAnswer(ReadOnlySpan<byte> record) =>
        record.IndexOf("\"error\""u8) < 0 ? record.IndexOf("\"type\""u8) < 0 : throw new InvalidOperationException("SignalR handshake refused: " + Encoding.UTF8.GetString(record));

    /// <summary>The completion of invocation <paramref name="id"/>; one carrying an error fails the subscriber.</summary>
    public static bool IsCompletion(ReadOnlySpan<byte> record, string id)
    {
        if (record.IndexOf("\"type\":3"u8) < 0 || record.IndexOf(Encoding.UTF8.GetBytes($"\"invocationId\":\"{id}\"")) < 0)
            return false;
        return record.IndexOf("\"error\""u8) < 0 ? true : throw new InvalidOperationException("SignalR invocation failed: " + Encoding.UTF8.GetString(record));
    }

    /// <summary>Reads messages until a record passes <paramref name="test"/> (records before it are dropped).</summary>
    public static async Task ReadUntilAsync(WebSocket socket, byte[] buffer, RecordTest test, CancellationToken ct)
    {
        while (true)
        {
            var message = await ReceiveMessageAsync(socket, buffer, ct);
            if (message.IsEmpty)
                throw new InvalidOperationException("The hub closed the connection during the handshake.");
            if (AnyRecord(message.Span, test))
                return;
        }
    }

    /// <summary>One whole WebSocket message (into <paramref name="buffer"/>, grown if it must be); empty when the socket closed.</summary>
    public static async ValueTask<ReadOnlyMemory<byte>> ReceiveMessageAsync(WebSocket socket, byte[] buffer, CancellationToken ct)
    {
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
                throw new InvalidOperationException($"A hub message was longer than {buffer.Length} bytes.");
            var result = await socket.ReceiveAsync(buffer.AsMemory(length), ct);
            if (result.MessageType == WebSocketMessageType.Close)
                return ReadOnlyMemory<byte>.Empty;
            length += result.Count;
            if (result.EndOfMessage)
                return buffer.AsMemory(0, length);
        }
    }

    /// <summary>Calls <paramref name="onBid"/> with the bid of every "quote" invocation in a message (a message may hold several records).</summary>
    public static void ForEachQuoteBid(ReadOnlySpan<byte> message, Action<decimal> onBid)
    {
        while (!message.IsEmpty)
        {
            var end = message.IndexOf(Separator);
            var record = end < 0 ? message : message[..end];
            message = end < 0 ? default : message[(end + 1)..];
            if (record.IndexOf(QuoteTarget) < 0)
                continue;
            var at = record.IndexOf(BidField);
            if (at >= 0 && Utf8Parser.TryParse(record[(at + BidField.Length)..], out decimal bid, out _))
                onBid(bid);
        }
    }

    private static bool AnyRecord(ReadOnlySpan<byte> message, RecordTest test)
    {
        foreach (var range in message.Split(Separator))
            if (!message[range].IsEmpty && test(message[range]))
                return true;
        return false;
    }

    private static byte[] Record(string json) => [.. Encoding.UTF8.GetBytes(json), Separator];
}
