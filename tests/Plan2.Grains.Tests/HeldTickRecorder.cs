using System.Collections.Concurrent;
using Plan2.Core.MarketData;
using Plan2.Grains.MarketData;

namespace Plan2.Grains.Tests;

/// <summary>
/// The silo's tick recorder, able to hold the ticks of one symbol a test names until it lets go, as a store that is slow
/// to commit holds an instrument's batch. Every other symbol goes straight through.
/// </summary>
internal sealed class HeldTickRecorder(ITickRecorder inner) : ITickRecorder
{
    private static readonly ConcurrentDictionary<string, Held> HeldSymbols = new(StringComparer.Ordinal);

    /// <summary>Holds <paramref name="symbol"/>'s tick records until disposed; <see cref="Held.Reached"/> completes when one waits.</summary>
    public static Held Hold(string symbol) => HeldSymbols[symbol] = new Held(() => HeldSymbols.TryRemove(symbol, out _));

    public sealed class Held(Action forget) : IDisposable
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Reached => _reached.Task;

        internal async ValueTask WaitAsync()
        {
            _reached.TrySetResult();
            await _released.Task;
        }

        public void Dispose()
        {
            forget();
            _released.TrySetResult();
        }
    }

    private static ValueTask WaitIfHeldAsync(string symbol) => HeldSymbols.TryGetValue(symbol, out var held) ? held.WaitAsync() : ValueTask.CompletedTask;

    public async ValueTask RecordTicksAsync(string symbol, IReadOnlyList<Tick> ticks)
    {
        var copy = ticks.ToArray(); // the instrument reuses its list once this returns
        await WaitIfHeldAsync(symbol);
        await inner.RecordTicksAsync(symbol, copy);
    }

    public async ValueTask RecordTicksAsync(string symbol, IReadOnlyList<Tick> ticks, string feed, long feedThrough)
    {
        var copy = ticks.ToArray();
        await WaitIfHeldAsync(symbol);
        await inner.RecordTicksAsync(symbol, copy, feed, feedThrough);
    }

    public Task<long> FeedPositionAsync(string symbol, string feed) => inner.FeedPositionAsync(symbol, feed);

    public Task<long> WhenFeedStoredAsync(string symbol, string feed, long through) => inner.WhenFeedStoredAsync(symbol, feed, through);

    public ValueTask RecordBarsAsync(string symbol, Timeframe timeframe, IReadOnlyList<Candle> candles) => inner.RecordBarsAsync(symbol, timeframe, candles);
}
