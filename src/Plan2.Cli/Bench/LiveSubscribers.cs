using System.Diagnostics;
using System.Net.WebSockets;

namespace Plan2.Cli.Bench;

/// <summary>
/// The subscriber side of <c>plan2 bench live</c>, run in child processes (one process holds at most a few
/// thousand sockets, and the server's own would not fit beside them): <c>count</c> WebSocket connections to
/// /hubs/market speaking SignalR's JSON protocol themselves (<see cref="SignalRWire"/>: handshake, a
/// SubscribeQuotes invocation, pings), as a lean non-.NET client would; the .NET HubConnection spent several
/// times the server's CPU per message here, and on one machine the clients' CPU is taken from the server.
/// Each records when every quote reached it (Stopwatch ticks: CLOCK_MONOTONIC, the same clock in every
/// process). Prints "ready" once all are subscribed; after a line on stdin, writes (quote index, timestamp)
/// pairs to the file, prints "cpu MICROSECONDS" (its CPU time since "ready") and exits.
/// </summary>
internal static class LiveSubscribers
{
    public const string TokenVariable = "PLAN2_BENCH_TOKEN";
    public const string TraceVariable = "PLAN2_BENCH_TRACE";
    public const decimal BaseBid = 1.00000m;
    public const decimal Step = 0.00001m;
    private static readonly TimeSpan PingEvery = TimeSpan.FromSeconds(10); // the server drops a client silent for 30 s

    public static async Task<int> RunAsync(Uri url, int count, string output, CancellationToken ct)
    {
        var token = Environment.GetEnvironmentVariable(TokenVariable) ?? throw new InvalidOperationException($"{TokenVariable} must hold the subscribers' access token.");
        var receipts = new Receipt[count * 256];
        var next = -1;
        var connections = new Subscriber[count];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var http = new HttpMessageInvoker(new SocketsHttpHandler());
        var address = new UriBuilder(new Uri(url, "hubs/market")) { Scheme = url.Scheme == "https" ? "wss" : "ws", Query = "access_token=" + Uri.EscapeDataString(token) }.Uri;
        var pinger = PingAsync(connections, stop.Token);
        using var gate = new SemaphoreSlim(64);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync(ct);
            try
            {
                connections[i] = await Subscriber.OpenAsync(address, http, "EURUSD", ct);
            }
            finally
            {
                gate.Release();
            }
        }));
        var perConnection = new int[count];
        var receiving = connections.Select((c, i) => c.ReceiveQuotesAsync(bid =>
        {
            Interlocked.Increment(ref perConnection[i]);
            var at = Stopwatch.GetTimestamp();
            var slot = Interlocked.Increment(ref next);
            if (slot < receipts.Length)
                receipts[slot] = new Receipt((int)Math.Round((bid - BaseBid) / Step), at);
        }, stop.Token)).ToArray();
        var cpuAtReady = ProcessorTime.OfSelf();
        Console.Out.WriteLine("ready");
        Console.Out.Flush();
        // Off the socket threads: with inline completions this flow resumed on one, and Console.In reads block.
        await Task.Run(() => Console.In.ReadLine(), ct);
        var cpu = ProcessorTime.OfSelf() - cpuAtReady;
        var n = Math.Min(receipts.Length, next + 1);
        await using (var file = new BinaryWriter(File.Create(output)))
            for (var i = 0; i < n; i++)
            {
                file.Write(receipts[i].Quote);
                file.Write(receipts[i].At);
            }
        var faults = receiving.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!.Message).Distinct().ToList();
        await stop.CancelAsync();
        foreach (var c in connections)
            c.Abort();
        await Task.WhenAll(receiving.Append(pinger).Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        if (Environment.GetEnvironmentVariable(TraceVariable) is not null) // diagnosing the bench itself: who received what, what failed
            Console.Error.WriteLine($"received {n}, per connection {string.Join(",", perConnection)}; faults: {string.Join(" | ", faults)}");
        Console.Out.WriteLine($"cpu {(long)cpu.TotalMicroseconds}");
        Console.Out.Flush();
        return 0;
    }

    private static async Task PingAsync(Subscriber?[] connections, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(PingEvery);
        while (await timer.WaitForNextTickAsync(ct))
            foreach (var c in connections)
                if (c is not null)
                    await c.PingAsync(ct);
    }

    private readonly record struct Receipt(int Quote, long At);

    /// <summary>One connection: its socket, with sends serialized (pings and the subscription never overlap).</summary>
    private sealed class Subscriber(ClientWebSocket socket)
    {
        private readonly SemaphoreSlim _send = new(1);

        public static async Task<Subscriber> OpenAsync(Uri address, HttpMessageInvoker http, string symbol, CancellationToken ct)
        {
            var socket = new ClientWebSocket();
            socket.Options.KeepAliveInterval = TimeSpan.Zero; // SignalR pings instead (PingAsync)
            await socket.ConnectAsync(address, http, ct);
            var subscriber = new Subscriber(socket);
            await subscriber.SendAsync(SignalRWire.Handshake, ct);
            var buffer = new byte[4096];
            await SignalRWire.ReadUntilAsync(socket, buffer, SignalRWire.IsHandshakeAnswer, ct);
            await subscriber.SendAsync(SignalRWire.Invocation("0", "SubscribeQuotes", symbol), ct);
            await SignalRWire.ReadUntilAsync(socket, buffer, r => SignalRWire.IsCompletion(r, "0"), ct);
            return subscriber;
        }

        public async Task ReceiveQuotesAsync(Action<decimal> onQuote, CancellationToken ct)
        {
            var buffer = new byte[4096];
            while (!ct.IsCancellationRequested)
            {
                var frame = await SignalRWire.ReceiveMessageAsync(socket, buffer, ct);
                if (frame.IsEmpty)
                    return; // closed
                SignalRWire.ForEachQuoteBid(frame.Span, onQuote);
            }
        }

        public Task PingAsync(CancellationToken ct) => socket.State == WebSocketState.Open ? SendAsync(SignalRWire.Ping, ct) : Task.CompletedTask;

        public void Abort() => socket.Abort();

        private async Task SendAsync(ReadOnlyMemory<byte> record, CancellationToken ct)
        {
            await _send.WaitAsync(ct);
            try
            {
                await socket.SendAsync(record, WebSocketMessageType.Text, endOfMessage: true, ct);
            }
            finally
            {
                _send.Release();
            }
        }
    }
}
