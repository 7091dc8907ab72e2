using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Plan2.MarketData.Bridge;
using Plan2.MarketData.Replay;

namespace Plan2.Hosting.MarketData;

/// <summary>
/// The embedded platform's market data: stored history (what plan2 import stored), else the history
/// files of a development checkout read in place, else a labelled simulation, replayed as a live feed
/// through the MT5 bridge itself (a loopback client speaking the Expert Advisor's protocol), so that
/// replay exercises the very path live data takes. A symbol an outside terminal streams is left to it (<see cref="LiveSymbols"/>).
/// </summary>
public sealed class ReplayFeedService(ReplayOptions options, BridgeService bridge, TickStoreService store, GrainBridgeSink sink,
    TimeProvider clock, ILogger<ReplayFeedService> logger) : BackgroundService
{
    public IReplaySource? Source { get; private set; }
    public ReplayRunner? Runner { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await bridge.Started.WaitAsync(stoppingToken);
        Source = await ChooseSourceAsync(stoppingToken);
        var speed = Source.IsSimulated ? 1 : options.Speed;
        logger.LogInformation("Market data: {Source}, {Symbols}, at {Speed}x", Source.Description, string.Join(',', Source.Symbols), speed);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(Source, speed, stoppingToken);
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or BridgeRejectedException)
            {
                logger.LogWarning("Replay feed lost its bridge connection ({Message}); reconnecting", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task RunOnceAsync(IReplaySource source, double speed, CancellationToken ct)
    {
        var symbols = source.Symbols;
        var index = symbols.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
        var endpoint = bridge.Server.LocalEndPoint;
        await using var client = new BridgeClient(new BridgeClientOptions
        {
            Host = endpoint.Address.ToString(), Port = endpoint.Port, Token = bridge.Server.InternalToken, // replayed history is not stored again
            TerminalId = FeedNames.ReplayTerminal, Symbols = symbols,
        });
        await client.ConnectAsync(ct);
        var gate = new SemaphoreSlim(1, 1); // Append and FlushAsync from one caller at a time
        Runner = new ReplayRunner(source, speed, async (symbol, ticks, token) =>
        {
            if (sink.Live.IsLive(symbol))
                return; // a terminal streams it: live beats history
            await gate.WaitAsync(token);
            try
            {
                foreach (var t in ticks)
                    client.Append(index[symbol], t.TimeMs, t.Bid.ToDouble(), t.Ask.ToDouble());
                await client.FlushAsync(token);
            }
            finally
            {
                gate.Release();
            }
        });
        var closed = client.Closed;
        var finished = await Task.WhenAny(Runner.RunAsync(ct), closed);
        if (finished == closed)
            throw new IOException(await closed);
        await finished;
    }

    private async Task<IReplaySource> ChooseSourceAsync(CancellationToken ct)
    {
        if (await StoreReplaySource.TryCreateAsync(store.Store, ct) is { } stored)
            return stored;
        if ((options.Folder ?? SharedHistory.Find()) is { } folder && FileReplaySource.TryCreate(folder, clock) is { } files)
            return files;
        return new SimulatedSource(clock);
    }
}
