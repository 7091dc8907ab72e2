using System.Collections.Concurrent;
using Plan2.Abstractions.MarketData;

namespace Plan2.MarketData.Bridge;

/// <summary>
/// A connection's spare tick arrays: a batch's three arrays come back once a sink that lets go of them
/// (<see cref="IBridgeSink.ReleasesTickArrays"/>) has taken it, and the next batch of the same size reuses them. Under
/// load a terminal sends full batches, all of one size, so at full speed decoding allocates nothing (it allocated 24
/// bytes a tick, the whole of the ingest path's garbage); a batch of another size gets new arrays.
/// </summary>
internal sealed class TickArrayPool(int capacity)
{
    private readonly ConcurrentQueue<(long[] Times, double[] Bids, double[] Asks)> _free = new();

    public (long[] Times, double[] Bids, double[] Asks) Rent(int count)
    {
        while (_free.TryDequeue(out var spare))
            if (spare.Times.Length == count)
                return spare;
        return (new long[count], new double[count], new double[count]);
    }

    /// <summary>Only for a batch nobody holds any more: its arrays will be written again.</summary>
    public void Return(TickBatch batch)
    {
        if (_free.Count < capacity)
            _free.Enqueue((batch.TimesUnixMs, batch.Bids, batch.Asks));
    }
}
