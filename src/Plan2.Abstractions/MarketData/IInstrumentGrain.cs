namespace Plan2.Abstractions.MarketData;

/// <summary>
/// One instrument, keyed by its symbol ("EURUSD"): tick validation, last quote, candles and indicators.
/// The contract is fixed here so that clients can be written against it; the grain itself arrives with
/// the live market-data work and is not registered until it behaves.
/// </summary>
[Alias("plan2.IInstrumentGrain")]
public interface IInstrumentGrain : IGrainWithStringKey
{
    /// <summary>Takes a batch of raw ticks; returns how many were accepted.</summary>
    [Alias("PublishTicks")] Task<int> PublishTicksAsync(TickBatch batch);
}

/// <summary>Raw ticks for one symbol, in arrival order, with the feed's sequence number of the first.</summary>
[GenerateSerializer, Immutable, Alias("plan2.tick-batch")]
public sealed record TickBatch(
    [property: Id(0)] string Symbol,
    [property: Id(1)] long FirstSequence,
    [property: Id(2)] long[] TimesUnixMs,
    [property: Id(3)] double[] Bids,
    [property: Id(4)] double[] Asks);
