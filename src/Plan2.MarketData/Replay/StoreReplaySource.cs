using System.Runtime.CompilerServices;
using Plan2.Core.MarketData;
using Plan2.Storage.Ticks;

namespace Plan2.MarketData.Replay;

/// <summary>Replays what <c>plan2 import</c> stored: ticks where there are ticks, else M1 bars as synthetic ticks.</summary>
public sealed class StoreReplaySource : IReplaySource
{
    private readonly ITickStore _store;
    private readonly Dictionary<string, SeriesInfo> _series;

    private StoreReplaySource(ITickStore store, Dictionary<string, SeriesInfo> series)
    {
        _store = store;
        _series = series;
    }

    public string Description => $"replay of imported history ({_store.Engine})";
    public bool IsSimulated => false;
    public IReadOnlyList<string> Symbols => [.. _series.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Null when the store holds nothing replayable.</summary>
    public static async Task<StoreReplaySource?> TryCreateAsync(ITickStore store, CancellationToken ct)
    {
        var usable = new Dictionary<string, SeriesInfo>(StringComparer.Ordinal);
        foreach (var s in await store.ListSeriesAsync(ct))
        {
            if (s.Rows == 0) continue;
            if (s.Timeframe is null || (s.Timeframe == Timeframe.M1 && !usable.ContainsKey(s.Symbol)))
                usable[s.Symbol] = s; // ticks win over bars
        }
        return usable.Count == 0 ? null : new StoreReplaySource(store, usable);
    }

    public async IAsyncEnumerable<Tick> ReadAsync(string symbol, [EnumeratorCancellation] CancellationToken ct)
    {
        var series = _series[symbol];
        const long chunk = 86_400_000L; // a day at a time: bounded memory, ordered reads
        for (var from = series.FirstMs; from <= series.LastMs; from += chunk)
        {
            if (series.Timeframe is null)
            {
                await foreach (var tick in _store.ReadTicksAsync(symbol, from, from + chunk, ct))
                    yield return tick;
                continue;
            }
            var ticks = new Tick[4];
            await foreach (var bar in _store.ReadCandlesAsync(symbol, Timeframe.M1, from, from + chunk, ct))
            {
                BarTicks.Synthesize(bar, BarTicks.TypicalSpread(bar.Close), ticks);
                foreach (var t in ticks)
                    yield return t;
            }
        }
    }
}
