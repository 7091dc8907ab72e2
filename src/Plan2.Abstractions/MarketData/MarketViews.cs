namespace Plan2.Abstractions.MarketData;

/// <summary>A quote as clients see it: exact decimal prices, UTC milliseconds.</summary>
[GenerateSerializer, Immutable, Alias("plan2.quote")]
public sealed record QuoteView(
    [property: Id(0)] string Symbol,
    [property: Id(1)] long TimeUnixMs,
    [property: Id(2)] decimal Bid,
    [property: Id(3)] decimal Ask);

/// <summary>
/// A closed bar with the indicator readings that include it. Timeframe is "M1", "M5", "M15", "H1" or "D1".
/// Sequence numbers an instrument's closes per timeframe within one activation of the instrument, named
/// by Epoch (a new number each time the instrument is activated: after idle collection or a silo leaving,
/// sequences start again from 1). Observer calls may arrive out of order.
/// </summary>
[GenerateSerializer, Immutable, Alias("plan2.bar")]
public sealed record BarView(
    [property: Id(0)] string Symbol,
    [property: Id(1)] string Timeframe,
    [property: Id(2)] long OpenTimeUnixMs,
    [property: Id(3)] decimal Open,
    [property: Id(4)] decimal High,
    [property: Id(5)] decimal Low,
    [property: Id(6)] decimal Close,
    [property: Id(7)] long TickCount,
    [property: Id(8)] IndicatorReadings Indicators,
    [property: Id(9)] long Sequence = 0,
    [property: Id(10)] long Epoch = 0);

/// <summary>The standard indicator set's readings; NaN while warming up.</summary>
[GenerateSerializer, Immutable, Alias("plan2.indicators")]
public sealed record IndicatorReadings(
    [property: Id(0)] double Sma20, [property: Id(1)] double Ema20, [property: Id(2)] double Rsi14,
    [property: Id(3)] double Macd, [property: Id(4)] double MacdSignal, [property: Id(5)] double MacdHist,
    [property: Id(6)] double BbUpper, [property: Id(7)] double BbMiddle, [property: Id(8)] double BbLower,
    [property: Id(9)] double Atr14, [property: Id(10)] double StochK, [property: Id(11)] double StochD,
    [property: Id(12)] double Adx14, [property: Id(13)] double PlusDi, [property: Id(14)] double MinusDi,
    [property: Id(15)] double Cci20, [property: Id(16)] double WilliamsR14);

/// <summary>What an instrument knows now.</summary>
[GenerateSerializer, Immutable, Alias("plan2.instrument-snapshot")]
public sealed record InstrumentSnapshot(
    [property: Id(0)] string Symbol,
    [property: Id(1)] QuoteView? LastQuote,
    [property: Id(2)] long AcceptedTicks,
    [property: Id(3)] IReadOnlyDictionary<string, long> RejectedByReason,
    [property: Id(4)] IReadOnlyDictionary<string, IReadOnlyList<BarView>> RecentBars);
