using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Plan2.MarketData.Tests.Bridge;

/// <summary>A bare TCP peer: sends exactly the bytes a test gives and reads every frame until the server closes.</summary>
public sealed class RawPeer : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly Socket _socket = new(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly List<byte> _received = [];

    /// <summary>Connects, from <paramref name="from"/> when given (any 127.x.y.z is this machine: distinct peers on loopback).</summary>
    public static async Task<RawPeer> ConnectAsync(IPEndPoint server, IPAddress? from = null)
    {
        var peer = new RawPeer();
        if (from is not null)
            peer._socket.Bind(new IPEndPoint(from, 0));
        await peer._socket.ConnectAsync(server);
        return peer;
    }

    public async Task SendAsync(byte[] bytes) => await _socket.SendAsync(bytes);

    /// <summary>Sends HELLO with a token and waits for the answer's first frame (WELCOME or REJECT).</summary>
    public async Task<(int Type, byte[] Payload)?> HelloAsync(string token, string terminal = "T1")
    {
        await SendAsync(WireBytes.Frame(1, 1, WireBytes.Hello(token, terminal, 7, "EURUSD")));
        return await ReadFrameAsync();
    }

    public void EndSending() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>Reads one more whole frame, skipping the server's heartbeats; null when the server closed first.</summary>
    public async Task<(int Type, byte[] Payload)?> ReadFrameAsync()
    {
        while (await ReadAnyFrameAsync() is { } frame)
            if (frame.Type != 4)
                return frame;
        return null;
    }

    private async Task<(int Type, byte[] Payload)?> ReadAnyFrameAsync()
    {
        using var patience = new CancellationTokenSource(Patience);
        while (true)
        {
            if (_received.Count >= 16)
            {
                var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(_received.GetRange(4, 4).ToArray());
                if (_received.Count >= 16 + length)
                {
                    var frame = (_received[3], _received.GetRange(16, length).ToArray());
                    _received.RemoveRange(0, 16 + length);
                    return frame;
                }
            }
            var buffer = new byte[64 * 1024];
            int n;
            try
            {
                n = await _socket.ReceiveAsync(buffer, patience.Token);
            }
            catch (SocketException)
            {
                return null;
            }
            if (n == 0)
                return null;
            _received.AddRange(buffer.AsSpan(0, n).ToArray());
        }
    }

    /// <summary>Every frame until the server closes the connection (the read ends without leftover bytes).</summary>
    public async Task<IReadOnlyList<(int Type, byte[] Payload)>> ReadUntilClosedAsync()
    {
        var frames = new List<(int, byte[])>();
        while (await ReadFrameAsync() is { } frame)
            frames.Add(frame);
        Assert.Empty(_received);
        return frames;
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
