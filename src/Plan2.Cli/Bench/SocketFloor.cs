using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Plan2.Cli.Bench;

/// <summary>
/// The least a fan-out can cost on this machine whatever the server: one small write to each of many loopback TCP
/// connections and one read at each other end, with the data already there (no wake-ups, no framing, no
/// serialisation, no hub), on every core at once. Its wall time per delivery times N is a floor under any p99 of
/// a quote sent to N subscribers who share these cores with the server.
/// </summary>
internal static class SocketFloor
{
    private const int MessageBytes = 160; // about one quote as the hub sends it, with its WebSocket frame

    /// <summary>Median over <paramref name="rounds"/> of a round's wall time divided by <paramref name="pairs"/>, in µs.</summary>
    public static double MicrosecondsPerDelivery(int pairs = 2_000, int rounds = 31)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(pairs);
        var senders = new Socket[pairs];
        var receivers = new Socket[pairs];
        try
        {
            for (var i = 0; i < pairs; i++)
            {
                receivers[i] = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                receivers[i].Connect(listener.LocalEndPoint!);
                senders[i] = listener.Accept();
                senders[i].NoDelay = true;
            }
            var cores = Environment.ProcessorCount;
            var message = new byte[MessageBytes];
            var walls = new List<double>(rounds);
            for (var round = 0; round < rounds + 3; round++) // the first three warm the code and the socket buffers
            {
                var start = Stopwatch.GetTimestamp();
                Parallel.For(0, cores, new ParallelOptions { MaxDegreeOfParallelism = cores }, core =>
                {
                    var buffer = new byte[MessageBytes];
                    for (var i = core; i < pairs; i += cores)
                        senders[i].Send(message);
                    for (var i = core; i < pairs; i += cores)
                        for (var read = 0; read < MessageBytes;)
                        {
                            var got = receivers[i].Receive(buffer, read, MessageBytes - read, SocketFlags.None);
                            read += got > 0 ? got : throw new IOException("A loopback connection of the socket floor closed mid-round.");
                        }
                });
                if (round >= 3)
                    walls.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }
            walls.Sort();
            return walls[walls.Count / 2] / pairs;
        }
        finally
        {
            foreach (var s in senders) s?.Dispose();
            foreach (var s in receivers) s?.Dispose();
        }
    }
}
