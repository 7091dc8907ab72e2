using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Plan2.Abstractions.MarketData;
using Plan2.Core.MarketData;
using Plan2.Hosting;
using Plan2.Hosting.MarketData;
using Plan2.MarketData.Bridge;

namespace Plan2.Cli.Bench;

/// <summary>
/// ticks_per_second end to end on one node: a terminal client on loopback → the bridge server's
/// socket → frame decoding and sequence checks → InstrumentGrains (validation, candles of five
/// timeframes, indicators on every close) in an embedded silo, timed until the last tick is
/// acknowledged (the server acknowledges after the grain took the batch). ratio_to_bare sets it
/// beside the same frames decoded and validated in a plain loop in this process.
/// </summary>
internal static class IngestBench
{
    public static async Task<BenchResult> RunAsync(int ticksPerSymbol, int symbolCount, CancellationToken ct)
    {
        var symbols = Enumerable.Range(0, symbolCount).Select(i => $"BENCH{i}").ToArray();
        var data = symbols.Select((_, i) => Walk(ticksPerSymbol, seed: i)).ToArray();
        var total = (long)ticksPerSymbol * symbolCount;

        var bare = BareLoop(data);
        var live = await EndToEndAsync(symbols, data, record: false, ct);
        var recording = await EndToEndAsync(symbols, data, record: true, ct);

        return new BenchResult("ingest")
            .Add("ticks_per_second", Math.Round(total / live.TotalSeconds))
            .Add("ratio_to_bare", Math.Round(total / live.TotalSeconds / bare, 3))
            .Add("bare_ticks_per_second", Math.Round(bare))
            .Add("ticks_per_second_with_storage", Math.Round(total / recording.TotalSeconds))
            .Add("storage", CliEnvironment.ClickHouse is null ? "duckdb" : "clickhouse")
            .Add("ticks", total)
            .Add("symbols", symbolCount)
            .Add("path", "loopback TCP client → bridge server (frames, sequences) → InstrumentGrain (validation, M1-D1 candles, 10 indicators per close)");
    }

    private static (long[] Times, double[] Bids, double[] Asks) Walk(int n, int seed)
    {
        var random = new Random(seed);
        var (times, bids, asks) = (new long[n], new double[n], new double[n]);
        var t = DateTimeOffset.UtcNow.AddDays(-2).ToUnixTimeMilliseconds();
        var mid = 1.1 + seed * 0.1;
        for (var i = 0; i < n; i++)
        {
            t += random.Next(0, 120);
            mid += (random.Next(-10, 11)) * 0.00001;
            (times[i], bids[i], asks[i]) = (t, Math.Round(mid - 0.00005, 5), Math.Round(mid + 0.00005, 5));
        }
        return (times, bids, asks);
    }

    /// <summary>The same ticks as TICKS frames, decoded and validated in one loop: the ceiling for one core.</summary>
    private static double BareLoop((long[] Times, double[] Bids, double[] Asks)[] data)
    {
        const int batch = 1000;
        var frames = new List<byte[]>();
        foreach (var (times, bids, asks) in data)
            for (var i = 0; i < times.Length; i += batch)
            {
                var n = Math.Min(batch, times.Length - i);
                var frame = new byte[BridgeProtocol.HeaderSize + BridgeProtocol.TicksPayloadSize(n)];
                FrameHeader.Write(frame, BridgeMessageType.Ticks, BridgeProtocol.TicksPayloadSize(n), (ulong)frames.Count + 1);
                var payload = frame.AsSpan(BridgeProtocol.HeaderSize);
                BinaryPrimitives.WriteUInt32LittleEndian(payload[4..], (uint)n);
                BinaryPrimitives.WriteInt64LittleEndian(payload[8..], i + 1);
                for (var k = 0; k < n; k++)
                {
                    var record = payload.Slice(BridgeProtocol.TicksPreambleSize + k * BridgeProtocol.TickRecordSize);
                    BinaryPrimitives.WriteInt64LittleEndian(record, times[i + k]);
                    BinaryPrimitives.WriteDoubleLittleEndian(record[8..], bids[i + k]);
                    BinaryPrimitives.WriteDoubleLittleEndian(record[16..], asks[i + k]);
                }
                frames.Add(frame);
            }
        var validators = data.Select(_ => new TickValidator()).ToArray();
        long accepted = 0, total = 0;
        var watch = Stopwatch.StartNew();
        var perSymbol = frames.Count / data.Length;
        for (var f = 0; f < frames.Count; f++)
        {
            if (!FrameHeader.TryRead(frames[f], out var header) || header.Type != BridgeMessageType.Ticks)
                throw new InvalidOperationException("bad frame");
            var payload = frames[f].AsSpan(BridgeProtocol.HeaderSize, header.PayloadLength);
            var count = (int)BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]);
            var validator = validators[Math.Min(f / Math.Max(perSymbol, 1), validators.Length - 1)];
            for (var k = 0; k < count; k++)
            {
                var record = payload.Slice(BridgeProtocol.TicksPreambleSize + k * BridgeProtocol.TickRecordSize);
                if (validator.Validate(BinaryPrimitives.ReadInt64LittleEndian(record), BinaryPrimitives.ReadDoubleLittleEndian(record[8..]),
                        BinaryPrimitives.ReadDoubleLittleEndian(record[16..]), out _) == TickRejectReason.None)
                    accepted++;
            }
            total += count;
        }
        var rate = total / watch.Elapsed.TotalSeconds;
        if (accepted != total)
            throw new InvalidOperationException($"The bare loop rejected {total - accepted} of {total} ticks.");
        return rate;
    }

    private static async Task<TimeSpan> EndToEndAsync(string[] symbols, (long[] Times, double[] Bids, double[] Asks)[] data, bool record, CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("plan2-ingest-").FullName;
        try
        {
            using var host = await StartSiloAsync(dir, ct);
            var bridge = host.Services.GetRequiredService<BridgeService>();
            await using var client = new BridgeClient(new BridgeClientOptions
            {
                Host = "127.0.0.1", Port = bridge.Server.LocalEndPoint.Port, Symbols = symbols,
                Token = record ? bridge.Token : bridge.Server.InternalToken, // internal feeds are not stored
                TerminalId = record ? "bench-terminal" : FeedNames.InternalPrefix + "bench",
                MaxTicksPerBatch = 4096, HistoryCapacity = 1 << 17,
            });
            await client.ConnectAsync(ct);
            const int chunk = 16_384;
            var n = data[0].Times.Length;
            var watch = Stopwatch.StartNew();
            for (var from = 0; from < n; from += chunk)
            {
                var to = Math.Min(n, from + chunk);
                for (var s = 0; s < symbols.Length; s++)
                {
                    // Keep what is unacknowledged well inside the client's resend ring.
                    if (from >= 4 * chunk)
                        await client.WaitForAckAsync(s, from - 4 * chunk, ct);
                    var (times, bids, asks) = data[s];
                    for (var i = from; i < to; i++)
                        client.Append(s, times[i], bids[i], asks[i]);
                }
                await client.FlushAsync(ct);
            }
            for (var s = 0; s < symbols.Length; s++)
                await client.WaitForAckAsync(s, n, ct);
            var elapsed = watch.Elapsed;

            var grains = host.Services.GetRequiredService<IGrainFactory>();
            foreach (var symbol in symbols)
            {
                var snapshot = await grains.GetGrain<IInstrumentGrain>(symbol).GetSnapshotAsync(0);
                if (snapshot.AcceptedTicks != n)
                    throw new InvalidOperationException($"{symbol}: {snapshot.AcceptedTicks} of {n} ticks accepted.");
            }
            if (record)
                await host.Services.GetRequiredService<TickStoreService>().Writer.FlushAsync(ct);
            await host.StopAsync(ct);
            return record ? watch.Elapsed : elapsed; // with storage: until every tick is durable
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    internal static async Task<IHost> StartSiloAsync(string dataDir, CancellationToken ct)
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
            ["ConnectionStrings:ClickHouse"] = CliEnvironment.ClickHouse,
        });
        builder.Logging.AddFilter(_ => false);
        builder.AddPlan2Silo();
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
