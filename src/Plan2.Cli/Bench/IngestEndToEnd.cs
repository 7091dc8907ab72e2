using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Plan2.Abstractions.MarketData;
using Plan2.Hosting;
using Plan2.Hosting.MarketData;
using Plan2.MarketData.Bridge;

namespace Plan2.Cli.Bench;

/// <summary>
/// End-to-end ingest runs in one embedded silo that stays up between them, as a silo does for days: each run a terminal
/// client on loopback sends every series under symbols of its own (fresh instruments, as the bare loop's engines are),
/// timed until the last tick is acknowledged: without storage once the grain took the batch, with storage once the
/// store's commit holds it (an ACK means stored), so the time until the last tick is durable is counted. Silo start and
/// shutdown are outside the timing. Afterwards every instrument must have accepted, and the store must hold, exactly the
/// ticks sent. A silo started per run had its start-up still being compiled (tiered JIT on the other core) while the
/// run and the next bare loop were timed: both then measured the compiler as much as the work.
/// </summary>
internal sealed class IngestEndToEnd : IAsyncDisposable
{
    /// <summary>One run's time and what the process allocated and collected meanwhile (the cost behind its swings).</summary>
    internal sealed record Run(TimeSpan Elapsed, long AllocatedBytes, int Gen2Collections, TimeSpan Cpu);

    private readonly IHost _host;
    private readonly string _dir;
    private readonly string? _storage;

    private IngestEndToEnd(IHost host, string dir, string? storage) => (_host, _dir, _storage) = (host, dir, storage);

    /// <summary><paramref name="storage"/>: null for none (an internal feed, not recorded), "duckdb" or a ClickHouse connection string.</summary>
    public static async Task<IngestEndToEnd> StartAsync(string? storage, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("plan2-ingest-").FullName;
        try
        {
            return new IngestEndToEnd(await StartSiloAsync(dir, ct, clickHouse: storage is null or "duckdb" ? null : storage), dir, storage);
        }
        catch
        {
            Directory.Delete(dir, recursive: true);
            throw;
        }
    }

    public async Task<Run> RunAsync(IReadOnlyList<IngestBench.Series> data, CancellationToken ct)
    {
        // Symbols of their own: fresh instruments each run, and a ClickHouse server keeps what earlier runs stored.
        var run = Guid.NewGuid().ToString("n")[..6].ToUpperInvariant();
        var symbols = data.Select((_, i) => $"B{run}{i}").ToArray();
        var bridge = _host.Services.GetRequiredService<BridgeService>();
        await using var client = new BridgeClient(new BridgeClientOptions
        {
            Host = "127.0.0.1", Port = bridge.Server.LocalEndPoint.Port, Symbols = symbols,
            Token = _storage is null ? bridge.Server.InternalToken : bridge.Token, // internal feeds are not stored
            TerminalId = _storage is null ? FeedNames.InternalPrefix + "bench" : "bench-terminal",
            // Acknowledgements come per store commit: the ring holds what is unacknowledged, as an EA's must.
            MaxTicksPerBatch = 4096, HistoryCapacity = 1 << 19,
        });
        await client.ConnectAsync(ct);
        const int chunk = 16_384, Window = 16;
        var n = data[0].Times.Length;
        var (allocated, gen2, cpu) = (GC.GetTotalAllocatedBytes(precise: true), GC.CollectionCount(2), ProcessorTime.OfSelf());
        var watch = Stopwatch.StartNew();
        for (var from = 0; from < n; from += chunk)
        {
            var to = Math.Min(n, from + chunk);
            for (var s = 0; s < symbols.Length; s++)
            {
                // Keep what is unacknowledged well inside the client's resend ring (a commit or two of the store's).
                if (from >= Window * chunk)
                    await client.WaitForAckAsync(s, from - Window * chunk, ct);
                var series = data[s];
                for (var i = from; i < to; i++)
                    client.Append(s, series.Times[i], series.Bids[i], series.Asks[i]);
            }
            await client.FlushAsync(ct);
        }
        for (var s = 0; s < symbols.Length; s++)
            await client.WaitForAckAsync(s, n, ct);
        var elapsed = watch.Elapsed; // with storage, the last ACK is the last commit: every tick is durable
        var cost = new Run(elapsed, GC.GetTotalAllocatedBytes(precise: true) - allocated, GC.CollectionCount(2) - gen2, ProcessorTime.OfSelf() - cpu);
        await CheckAsync(_host, _host.Services.GetRequiredService<TickStoreService>(), symbols, n, recorded: _storage is not null, ct);
        return cost;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync();
        }
        finally
        {
            _host.Dispose();
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static async Task CheckAsync(IHost host, TickStoreService store, string[] symbols, long n, bool recorded, CancellationToken ct)
    {
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        foreach (var symbol in symbols)
        {
            var snapshot = await grains.GetGrain<IInstrumentGrain>(symbol).GetSnapshotAsync(0);
            if (snapshot.AcceptedTicks != n)
                throw new InvalidOperationException($"{symbol}: {snapshot.AcceptedTicks} of {n} ticks accepted.");
        }
        if (!recorded)
            return;
        var series = await store.Store.ListSeriesAsync(ct);
        foreach (var symbol in symbols)
        {
            var rows = series.Where(s => s.Symbol == symbol && s.Timeframe is null).Sum(s => s.Rows);
            if (rows != n)
                throw new InvalidOperationException($"{symbol}: the {store.Store.Engine} store holds {rows} of {n} ticks.");
        }
    }

    internal static async Task<IHost> StartSiloAsync(string dataDir, CancellationToken ct, string? clickHouse = null, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Plan2:Mode"] = "Embedded",
            ["Plan2:SiloPort"] = FreePort().ToString(),
            ["Plan2:GatewayPort"] = FreePort().ToString(),
            ["Plan2:DataDir"] = dataDir,
            ["Plan2:Bridge:Port"] = "0",
            ["Plan2:Bridge:MaxTicksPerBatch"] = "4096",
            ["Plan2:Bridge:MaxFramePayloadBytes"] = (1 << 20).ToString(),
            ["Plan2:Replay:Enabled"] = "false",
            ["ConnectionStrings:ClickHouse"] = clickHouse,
        });
        builder.Logging.AddFilter(_ => false);
        builder.AddPlan2Silo();
        configure?.Invoke(builder);
        var host = builder.Build();
        await host.StartAsync(ct);
        return host;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
