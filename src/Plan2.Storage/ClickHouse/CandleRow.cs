using ClickHouse.Driver;

namespace Plan2.Storage.ClickHouse;

// Candle insert rows for the driver's POCO path: compiled, box-free writers per column. Every property names its
// ClickHouse type, which lets the driver skip its schema probe (one round trip per insert call).

internal sealed class CandleRow
{
    [ClickHouseColumn(Name = "symbol", Type = ClickHouseSchema.SymbolType)] public required string Symbol { get; init; }
    [ClickHouseColumn(Name = "timeframe", Type = "UInt16")] public ushort Timeframe { get; init; }
    [ClickHouseColumn(Name = "open_time", Type = ClickHouseSchema.TimeType)] public DateTime OpenTime { get; init; }
    [ClickHouseColumn(Name = "open", Type = "Int64")] public long Open { get; init; }
    [ClickHouseColumn(Name = "high", Type = "Int64")] public long High { get; init; }
    [ClickHouseColumn(Name = "low", Type = "Int64")] public long Low { get; init; }
    [ClickHouseColumn(Name = "close", Type = "Int64")] public long Close { get; init; }
    [ClickHouseColumn(Name = "tick_count", Type = "Int64")] public long TickCount { get; init; }
    [ClickHouseColumn(Name = "volume", Type = "Float64")] public double Volume { get; init; }
}
