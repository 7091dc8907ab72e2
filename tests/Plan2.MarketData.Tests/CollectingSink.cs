using Plan2.Core.MarketData;
using Plan2.MarketData.Import;

namespace Plan2.MarketData.Tests;

/// <summary>Keeps what an import delivers (copies: the importer reuses its buffers).</summary>
public sealed class CollectingSink : IImportSink
{
    public List<Tick> Ticks { get; } = [];
    public List<Candle> Bars { get; } = [];
    public bool Completed { get; private set; }

    public ValueTask TicksAsync(ReadOnlyMemory<Tick> ticks, CancellationToken ct)
    {
        Ticks.AddRange(ticks.ToArray());
        return ValueTask.CompletedTask;
    }

    public ValueTask BarsAsync(ReadOnlyMemory<Candle> bars, CancellationToken ct)
    {
        Bars.AddRange(bars.ToArray());
        return ValueTask.CompletedTask;
    }

    public ValueTask CompleteAsync(CancellationToken ct)
    {
        Completed = true;
        return ValueTask.CompletedTask;
    }
}
