namespace Plan2.Abstractions.Trading;

[GenerateSerializer, Alias("plan2.venue-report-kind")]
public enum VenueReportKind : byte
{
    Accepted = 1, Rejected = 2, Fill = 3, Canceled = 4, Expired = 5, Triggered = 6,
    /// <summary>The order rests at the venue at Price, not at ours (reconciliation): it takes that price.</summary>
    Repriced = 7,
}

/// <summary>
/// What a venue said about one order after the fact. VenueOrderId: the MT5 order ticket; TradeId: the
/// deal ticket of a fill (what makes it unique); Reason: why it was rejected or canceled; At: venue time.
/// A fill's Commission is the charge (fees included; negative: a rebate) and Swap what the venue booked with it
/// (negative: paid), both in account currency.
/// </summary>
[GenerateSerializer, Immutable, Alias("plan2.venue-report")]
public sealed record VenueReport(
    [property: Id(0)] VenueReportKind Kind,
    [property: Id(1)] string ClientOrderId,
    [property: Id(2)] string VenueOrderId,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string Symbol,
    [property: Id(5)] string? TradeId = null,
    [property: Id(6)] decimal Quantity = 0m,
    [property: Id(7)] decimal Price = 0m,
    [property: Id(8)] TradeSide? Side = null,
    [property: Id(9)] decimal Commission = 0m,
    [property: Id(10)] string Reason = "",
    [property: Id(11)] decimal Swap = 0m);
