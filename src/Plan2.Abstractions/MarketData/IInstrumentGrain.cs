namespace Plan2.Abstractions.MarketData;

/// <summary>
/// One instrument, keyed by its symbol ("EURUSD"): validates ticks in batches, keeps the last quote,
/// candles of every timeframe with their indicators and reject counts, stores ticks and closed
/// candles, and tells its observers about quotes and bar closes.
/// </summary>
[Alias("plan2.IInstrumentGrain")]
public interface IInstrumentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes a batch of raw ticks in arrival order; returns how many passed validation. Holds nothing of the batch's
    /// arrays once it has returned (the bridge reuses them for its next batch).
    /// </summary>
    [Alias("PublishTicks")] Task<int> PublishTicksAsync(TickBatch batch);

    /// <summary>
    /// Returns once the store's commit covers <paramref name="feed"/>'s ticks through <paramref name="throughSequence"/>,
    /// with how far it covers them (at least that far). Returns less, at once, when this activation never received that
    /// far (they went with an earlier activation's unwritten queue): the terminal must send them again.
    /// </summary>
    [Alias("WaitDurable"), AlwaysInterleave] Task<long> WaitDurableAsync(string feed, long throughSequence);

    /// <summary>The last sequence of <paramref name="feed"/> (a terminal session) the store holds for this symbol; 0 for none.</summary>
    [Alias("GetFeedPosition"), AlwaysInterleave] Task<long> GetFeedPositionAsync(string feed);

    /// <summary>Last quote, recent closed bars per timeframe with indicators, and reject counts.</summary>
    [Alias("GetSnapshot"), ReadOnly, AlwaysInterleave] Task<InstrumentSnapshot> GetSnapshotAsync(int barsPerTimeframe);

    /// <summary>Replaces tick validation settings (from the configuration grain "platform/feed/SYMBOL"); applies from the next tick.</summary>
    [Alias("ConfigureFeed")] Task ConfigureFeedAsync(Configuration.FeedSettings settings);

    /// <summary>The last accepted quote and when it arrived, null before the first; cheap, for pre-trade risk and paper fills.</summary>
    [Alias("GetQuote"), ReadOnly, AlwaysInterleave] Task<ReceivedQuote?> GetQuoteAsync();

    /// <summary>
    /// Registers an observer for quotes and bar closes; renew within <see cref="InstrumentDefaults.SubscriptionLifetime"/>.
    /// Subscribing interleaves, as every subscription and read here does: it waits for the activation's start, never
    /// behind a batch held up by the store.
    /// </summary>
    [Alias("Subscribe"), AlwaysInterleave] Task SubscribeAsync(IInstrumentObserver observer);

    [Alias("Unsubscribe"), AlwaysInterleave] Task UnsubscribeAsync(IInstrumentObserver observer);

    /// <summary>
    /// Registers an observer for bar closes only (a predictor has no use for quotes, which come with every
    /// tick batch); renew within <see cref="InstrumentDefaults.SubscriptionLifetime"/>.
    /// </summary>
    [Alias("SubscribeBars"), AlwaysInterleave] Task SubscribeBarsAsync(IBarObserver observer);

    [Alias("UnsubscribeBars"), AlwaysInterleave] Task UnsubscribeBarsAsync(IBarObserver observer);

    /// <summary>
    /// Registers an observer for every accepted tick, batch by batch (the paper broker's book while orders
    /// rest there: a limit touched mid-batch must fill); renew within <see cref="InstrumentDefaults.SubscriptionLifetime"/>.
    /// </summary>
    [Alias("SubscribeTicks"), AlwaysInterleave] Task SubscribeTicksAsync(ITickObserver observer);

    [Alias("UnsubscribeTicks"), AlwaysInterleave] Task UnsubscribeTicksAsync(ITickObserver observer);
}

/// <summary>Receives every accepted tick of an instrument, in batches as they arrived.</summary>
[Alias("plan2.ITickObserver")]
public interface ITickObserver : IGrainObserver
{
    [Alias("OnTicks"), OneWay] Task OnTicksAsync(IReadOnlyList<QuoteView> ticks);
}

/// <summary>Receives every bar close of an instrument.</summary>
[Alias("plan2.IBarObserver")]
public interface IBarObserver : IGrainObserver
{
    [Alias("OnBarClosed"), OneWay] Task OnBarClosedAsync(BarView bar);
}

/// <summary>Receives an instrument's quotes (at most one per tick batch: the latest) and every bar close.</summary>
[Alias("plan2.IInstrumentObserver")]
public interface IInstrumentObserver : IBarObserver
{
    [Alias("OnQuote"), OneWay] Task OnQuoteAsync(QuoteView quote);
}

/// <summary>
/// A quote with the time this silo received it. Risk judges staleness by arrival (has the feed gone
/// quiet?), not by the feed's own stamp, which for a replay of history lies years back.
/// </summary>
[GenerateSerializer, Immutable, Alias("plan2.received-quote")]
public sealed record ReceivedQuote([property: Id(0)] QuoteView Quote, [property: Id(1)] long ReceivedUnixMs);

public static class InstrumentDefaults
{
    /// <summary>An observer that has not renewed its subscription for this long is dropped.</summary>
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(2);
}

/// <summary>
/// Raw ticks for one symbol, in arrival order, with the feed's sequence number of the first.
/// Record is false for ticks that are already stored (replayed history): they are not stored again.
/// Feed names the stream the sequences belong to (a terminal session, <c>terminal#session</c>): with it the
/// instrument drops ticks of that feed it already has (a resend) and the store records how far the feed is stored.
/// </summary>
[GenerateSerializer, Immutable, Alias("plan2.tick-batch")]
public sealed record TickBatch(
    [property: Id(0)] string Symbol,
    [property: Id(1)] long FirstSequence,
    [property: Id(2)] long[] TimesUnixMs,
    [property: Id(3)] double[] Bids,
    [property: Id(4)] double[] Asks,
    [property: Id(5)] bool Record = true,
    [property: Id(6)] string? Feed = null);
