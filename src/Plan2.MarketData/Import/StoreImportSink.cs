using Plan2.Core.MarketData;
using Plan2.Storage.Ticks;

namespace Plan2.MarketData.Import;

/// <summary>
/// Writes an import into a tick store: the rows themselves, plus every coarser candle built from
/// them (M1 … D1), so charts and replay need no recomputation. One write is in flight while the
/// next batch is parsed; the importer waits for it before handing over another (backpressure), and
/// a failed write fails the import (no silent loss). Coarser candles the file covers only in part
/// (the first bucket when the file starts mid-bucket, the last when it ends before the bucket does,
/// and always the last of a tick file) are not written: they would replace complete candles stored
/// by an earlier import.
/// </summary>
public sealed class StoreImportSink(ITickStore store, string symbol, Timeframe barTimeframe) : IImportSink
{
    private const int CandleBatch = 10_000;
    private readonly TickSequencer _sequencer = new();
    private readonly CandleAggregator _aggregator = new();
    private readonly ClosedCandle[] _closed = new ClosedCandle[CandleAggregator.MaxClosedPerInput];
    private readonly Dictionary<Timeframe, List<Candle>> _derived = TimeframeExtensions.All.ToDictionary(t => t, _ => new List<Candle>());
    private Task _inFlight = Task.CompletedTask;
    private long? _firstInputMs;
    private long _inputEndMs = long.MinValue;
    private bool _fromTicks;

    public long DerivedCandles { get; private set; }

    public async ValueTask TicksAsync(ReadOnlyMemory<Tick> ticks, CancellationToken ct)
    {
        var batch = new SequencedTick[ticks.Length];
        var span = ticks.Span;
        _fromTicks = true;
        for (var i = 0; i < span.Length; i++)
        {
            _firstInputMs ??= span[i].TimeMs;
            batch[i] = _sequencer.Next(span[i]);
            Collect(_aggregator.OnTick(span[i], _closed), skip: null);
        }
        await _inFlight;
        _inFlight = StartWrite(() => store.AppendTicksAsync(symbol, batch, ct), ct);
    }

    public async ValueTask BarsAsync(ReadOnlyMemory<Candle> bars, CancellationToken ct)
    {
        var batch = bars.ToArray();
        foreach (var bar in batch)
        {
            _firstInputMs ??= bar.OpenTimeMs;
            _inputEndMs = bar.OpenTimeMs + barTimeframe.Milliseconds();
            Collect(_aggregator.OnBar(bar, barTimeframe, _closed), skip: barTimeframe);
        }
        await _inFlight;
        _inFlight = StartWrite(() => store.AppendCandlesAsync(symbol, barTimeframe, batch, ct), ct);
    }

    public async ValueTask CompleteAsync(CancellationToken ct)
    {
        Collect(_aggregator.Flush(_closed), skip: null, flushing: true);
        await _inFlight;
        foreach (var (tf, candles) in _derived)
            if (candles.Count > 0)
                await store.AppendCandlesAsync(symbol, tf, candles.ToArray(), ct);
        foreach (var list in _derived.Values)
            list.Clear();
    }

    private void Collect(int count, Timeframe? skip, bool flushing = false)
    {
        for (var i = 0; i < count; i++)
        {
            var (tf, candle) = _closed[i];
            if (tf == skip) continue; // the imported bars themselves are written as they are
            if (IsPartial(tf, candle, flushing)) continue;
            _derived[tf].Add(candle);
            DerivedCandles++;
        }
    }

    private bool IsPartial(Timeframe tf, in Candle candle, bool flushing)
    {
        var startsInside = _firstInputMs is { } first && candle.OpenTimeMs == tf.BucketStart(first) && first != candle.OpenTimeMs;
        var endsInside = flushing && (_fromTicks || _inputEndMs < candle.OpenTimeMs + tf.Milliseconds());
        return startsInside || endsInside;
    }

    /// <summary>Starts the rows' write, then any derived candles that filled a batch, taken now so parsing can go on.</summary>
    private Task StartWrite(Func<Task<int>> write, CancellationToken ct)
    {
        var candleBatches = new List<(Timeframe Timeframe, Candle[] Candles)>();
        foreach (var (tf, candles) in _derived)
            if (candles.Count >= CandleBatch)
            {
                candleBatches.Add((tf, candles.ToArray()));
                candles.Clear();
            }
        return Run();

        async Task Run()
        {
            await write();
            foreach (var (tf, candles) in candleBatches)
                await store.AppendCandlesAsync(symbol, tf, candles, ct);
        }
    }
}
