using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Plan2.Core.MarketData;
using Plan2.Grains.MarketData;
using Plan2.Storage.ClickHouse;
using Plan2.Storage.DuckDb;
using Plan2.Storage.Ticks;

namespace Plan2.Hosting.MarketData;

/// <summary>
/// The silo's tick store and its background writer: ClickHouse when ConnectionStrings:ClickHouse is
/// set, otherwise the embedded DuckDB file under Plan2:DataDir. Opened before the silo starts,
/// flushed when it stops. Grains record through it (<see cref="ITickRecorder"/>).
/// </summary>
public sealed class TickStoreService(MarketDataOptions options, ILogger<TickStoreService> logger) : IHostedService, ITickRecorder
{
    private readonly ConcurrentDictionary<string, TickSequencer> _sequencers = new(StringComparer.Ordinal);
    private ITickStore? _store;
    private BufferedTickWriter? _writer;

    public ITickStore Store => _store ?? throw new InvalidOperationException("The tick store is not open yet.");
    public BufferedTickWriter Writer => _writer ?? throw new InvalidOperationException("The tick store is not open yet.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.ClickHouse is { Length: > 0 } clickHouse)
        {
            var store = new ClickHouseTickStore(clickHouse);
            await store.EnsureSchemaAsync(cancellationToken);
            _store = store;
            logger.LogInformation("Tick store: ClickHouse");
        }
        else
        {
            var path = Path.Combine(options.DataDir, "market.duckdb");
            _store = await DuckDbTickStore.OpenAsync(path, cancellationToken);
            logger.LogInformation("Tick store: DuckDB at {Path}", path);
        }
        _writer = new BufferedTickWriter(_store);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_writer is not null)
            await _writer.DisposeAsync();
        if (_store is not null)
            await _store.DisposeAsync();
    }

    public ValueTask RecordTicksAsync(string symbol, IReadOnlyList<Tick> ticks)
    {
        var sequencer = _sequencers.GetOrAdd(symbol, _ => new TickSequencer());
        // The one copy on the way to the store: the writer keeps this array until it is written.
        var batch = new SequencedTick[ticks.Count];
        var source = ticks is List<Tick> list ? CollectionsMarshal.AsSpan(list) : ticks.ToArray();
        lock (sequencer)
            for (var i = 0; i < batch.Length; i++)
                batch[i] = sequencer.Next(source[i]);
        return Writer.WriteAsync(symbol, batch);
    }

    public ValueTask RecordBarsAsync(string symbol, Timeframe timeframe, IReadOnlyList<Candle> candles) =>
        Writer.WriteCandlesAsync(symbol, timeframe, [.. candles]);
}
