using Plan2.Core.MarketData;

namespace Plan2.MarketData.Import;

/// <summary>
/// Where validated rows go: a tick store, an indicator printer, a test. The importer reuses its
/// buffers, so a sink must be done with a batch when its call returns.
/// </summary>
public interface IImportSink
{
    ValueTask TicksAsync(ReadOnlyMemory<Tick> ticks, CancellationToken ct);
    ValueTask BarsAsync(ReadOnlyMemory<Candle> bars, CancellationToken ct);
    ValueTask CompleteAsync(CancellationToken ct);
}
