namespace Plan2.Abstractions.Trading;

/// <summary>
/// The silo where a terminal is connected, as an observer: the terminal grain keeps it while the
/// connection lasts, and the MT5 venue sends orders through it from whichever silo the order lives on.
/// </summary>
[Alias("plan2.IMt5TerminalRoute")]
public interface IMt5TerminalRoute : IGrainObserver
{
    /// <summary>Sends the order to the terminal and waits for its ORDER_RESULT (bounded by the bridge's order timeout).</summary>
    [Alias("SendOrder")] Task<Mt5OrderAnswer> SendOrderAsync(Mt5OrderRequest order);

    /// <summary>Removes a pending order at the terminal and waits for its answer (Accepted: done).</summary>
    [Alias("CancelOrder")] Task<Mt5OrderAnswer> CancelOrderAsync(Mt5CancelRequest cancel);

    /// <summary>Changes a pending order's prices at the terminal and waits for its answer (Accepted: done).</summary>
    [Alias("ModifyOrder")] Task<Mt5OrderAnswer> ModifyOrderAsync(Mt5ModifyRequest modify);
}

/// <summary>
/// One order for a terminal: market, limit, stop or stop-limit. Price: null for a market order, the stop price of a
/// stop-limit; StopLimitPrice: a stop-limit's limit price. TimeInForce and ExpireAt (GTD) as the order has them.
/// </summary>
[GenerateSerializer, Immutable, Alias("plan2.mt5-order-request")]
public sealed record Mt5OrderRequest(
    [property: Id(0)] string TerminalId,
    [property: Id(1)] string ClientOrderId,
    [property: Id(2)] string Symbol,
    [property: Id(3)] TradeSide Side,
    [property: Id(4)] TradeOrderType Type,
    [property: Id(5)] decimal Volume,
    [property: Id(6)] decimal? Price,
    [property: Id(7)] TradeTimeInForce TimeInForce = TradeTimeInForce.Gtc,
    [property: Id(8)] decimal? StopLimitPrice = null,
    [property: Id(9)] DateTimeOffset? ExpireAt = null);

/// <summary>Cancel the pending order with this ticket (VenueOrderId) at the terminal.</summary>
[GenerateSerializer, Immutable, Alias("plan2.mt5-cancel-request")]
public sealed record Mt5CancelRequest(
    [property: Id(0)] string TerminalId,
    [property: Id(1)] string ClientOrderId,
    [property: Id(2)] string Symbol,
    [property: Id(3)] string VenueOrderId);

/// <summary>New terms for a pending order at the terminal: its price (a stop-limit's stop), a stop-limit's limit price, and its time in force.</summary>
[GenerateSerializer, Immutable, Alias("plan2.mt5-modify-request")]
public sealed record Mt5ModifyRequest(
    [property: Id(0)] string TerminalId,
    [property: Id(1)] string ClientOrderId,
    [property: Id(2)] string Symbol,
    [property: Id(3)] string VenueOrderId,
    [property: Id(4)] decimal Price,
    [property: Id(5)] decimal? StopLimitPrice,
    [property: Id(6)] TradeTimeInForce TimeInForce,
    [property: Id(7)] DateTimeOffset? ExpireAt);

/// <summary>
/// How sending went. Unknown: the order may or may not have reached the terminal (timeout, connection lost
/// while waiting): the order stays Submitted until a late result, a fill or the next reconciliation says.
/// For a cancel or modify: Accepted is done, Rejected refused by the terminal (or its EA is too old).
/// </summary>
[GenerateSerializer, Alias("plan2.mt5-send-outcome")]
public enum Mt5SendOutcome : byte { Accepted = 1, Rejected = 2, NotConnected = 3, Unknown = 4 }

[GenerateSerializer, Immutable, Alias("plan2.mt5-order-answer")]
public sealed record Mt5OrderAnswer(
    [property: Id(0)] Mt5SendOutcome Outcome,
    [property: Id(1)] uint Retcode,
    [property: Id(2)] string VenueOrderId,
    [property: Id(3)] string Message);
