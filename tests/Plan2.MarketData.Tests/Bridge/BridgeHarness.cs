using Plan2.MarketData.Bridge;

namespace Plan2.MarketData.Tests.Bridge;

/// <summary>A started server on a free loopback port with a recording sink and logger, plus the clients a test opens.</summary>
public sealed class BridgeHarness : IAsyncDisposable
{
    public const string Token = "test-token-5f1c2a9e";
    private readonly List<IAsyncDisposable> _owned = [];

    private BridgeHarness(BridgeServer server, RecordingSink sink, RecordingLogger<BridgeServer> logger)
    {
        Server = server;
        Sink = sink;
        Logger = logger;
    }

    public BridgeServer Server { get; }
    public RecordingSink Sink { get; }
    public RecordingLogger<BridgeServer> Logger { get; }

    /// <param name="wrap">A sink in front of the recording one (e.g. one that stores durably later); the recording sink otherwise.</param>
    public static async Task<BridgeHarness> StartAsync(Action<BridgeServerOptions>? configure = null, TimeProvider? time = null,
        Func<RecordingSink, IBridgeSink>? wrap = null, int port = 0)
    {
        var options = new BridgeServerOptions { Port = port, AuthToken = Token };
        configure?.Invoke(options);
        var sink = new RecordingSink();
        var logger = new RecordingLogger<BridgeServer>();
        var server = new BridgeServer(options, wrap?.Invoke(sink) ?? sink, logger, time);
        await server.StartAsync(CancellationToken.None);
        return new BridgeHarness(server, sink, logger);
    }

    public BridgeClientOptions ClientOptions(string terminal = "T1", params string[] symbols) => new()
    {
        Host = "127.0.0.1",
        Port = Server.LocalEndPoint.Port,
        Token = Token,
        TerminalId = terminal,
        Symbols = symbols.Length > 0 ? symbols : ["EURUSD"],
    };

    public async Task<BridgeClient> ConnectAsync(BridgeClientOptions options)
    {
        var client = Own(new BridgeClient(options));
        await client.ConnectAsync(CancellationToken.None);
        return client;
    }

    public async Task<RawPeer> RawAsync() => Own(await RawPeer.ConnectAsync(Server.LocalEndPoint));

    public BridgeCounterSnapshot Totals => Server.GetHealth().Total;

    /// <summary>Ticks with distinct, exactly representable-as-sent values: tick n of a stream is recognisable.</summary>
    public static (long Time, double Bid, double Ask) TickAt(long n) =>
        (1_700_000_000_000 + n * 7 / 3, 1.08 + n * 0.00001, 1.08012 + n * 0.00001);

    public static void AppendTicks(BridgeClient client, int symbolIndex, long fromN, int count)
    {
        for (var n = fromN; n < fromN + count; n++)
        {
            var (time, bid, ask) = TickAt(n);
            client.Append(symbolIndex, time, bid, ask);
        }
    }

    /// <summary>Asserts the sink saw exactly ticks 1..count of the stream, once each, in order.</summary>
    public void AssertDeliveredExactly(string symbol, long count)
    {
        var ticks = Sink.Ticks(symbol);
        Assert.Equal(count, ticks.Count);
        for (var i = 0; i < ticks.Count; i++)
        {
            var (time, bid, ask) = TickAt(i + 1);
            Assert.Equal(new SentTick(i + 1, time, bid, ask), ticks[i]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
            await owned.DisposeAsync();
        await Server.DisposeAsync();
    }

    private T Own<T>(T disposable) where T : IAsyncDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
