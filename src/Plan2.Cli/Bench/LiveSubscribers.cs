using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Plan2.Cli.Bench;

/// <summary>
/// The subscriber side of <c>plan2 bench live</c>, run in child processes (one process holds at most a few
/// thousand sockets, and the server's own would not fit beside them): <c>count</c> SignalR connections to
/// /hubs/market, each subscribed to EURUSD, each recording when every quote reached it (Stopwatch ticks:
/// CLOCK_MONOTONIC, the same clock in every process). Prints "ready" once all are subscribed; after a line
/// on stdin, writes (quote index, timestamp) pairs to the file and exits.
/// </summary>
internal static class LiveSubscribers
{
    public const string TokenVariable = "PLAN2_BENCH_TOKEN";
    public const decimal BaseBid = 1.00000m;
    public const decimal Step = 0.00001m;

    public static async Task<int> RunAsync(Uri url, int count, string output, CancellationToken ct)
    {
        var token = Environment.GetEnvironmentVariable(TokenVariable) ?? throw new InvalidOperationException($"{TokenVariable} must hold the subscribers' access token.");
        var receipts = new Receipt[count * 256];
        var next = -1;
        var connections = new HubConnection[count];
        using var gate = new SemaphoreSlim(64);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync(ct);
            try
            {
                var hub = new HubConnectionBuilder()
                    .WithUrl(new Uri(url, "hubs/market"), o =>
                    {
                        o.Transports = HttpTransportType.WebSockets;
                        o.SkipNegotiation = true;
                        o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                    })
                    .Build();
                hub.On<QuoteMessage>("quote", q =>
                {
                    var at = Stopwatch.GetTimestamp();
                    var slot = Interlocked.Increment(ref next);
                    if (slot < receipts.Length)
                        receipts[slot] = new Receipt((int)Math.Round((q.Bid - BaseBid) / Step), at);
                });
                await hub.StartAsync(ct);
                await hub.InvokeAsync("SubscribeQuotes", "EURUSD", ct);
                connections[i] = hub;
            }
            finally
            {
                gate.Release();
            }
        }));
        Console.Out.WriteLine("ready");
        Console.Out.Flush();
        await Console.In.ReadLineAsync(ct);
        var n = Math.Min(receipts.Length, next + 1);
        await using (var file = new BinaryWriter(File.Create(output)))
            for (var i = 0; i < n; i++)
            {
                file.Write(receipts[i].Quote);
                file.Write(receipts[i].At);
            }
        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        return 0;
    }

    private readonly record struct Receipt(int Quote, long At);

    private sealed record QuoteMessage(string Symbol, decimal Bid, decimal Ask);
}
