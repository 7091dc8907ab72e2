using Plan2.Abstractions.MarketData;

namespace Plan2.Abstractions.Trading;

/// <summary>
/// One order's lifecycle, keyed "TENANT/ORDER-ID" where the order id is "ACCOUNT.CLIENT-ORDER-ID",
/// so a resend of a client order id reaches the same grain. Orders are placed, cancelled and
/// replaced through the account grain, which runs risk first; clients read orders here.
/// Every change is journaled before the grain answers.
/// </summary>
[Alias("plan2.IOrderGrain")]
public interface IOrderGrain : IGrainWithStringKey
{
    /// <summary>The order with its fills and audit trail, or null if it was never placed.</summary>
    [Alias("Get"), ReadOnly] Task<OrderView?> GetAsync();

    /// <summary>
    /// Account only: records the order and, unless risk denied it, sends it to the venue. Idempotent:
    /// an order that already exists is returned unchanged.
    /// </summary>
    [Alias("Execute")] Task<OrderView> ExecuteAsync(OrderTicket ticket);

    /// <summary>Account only: cancels the order at the venue; refused for an order that is closed.</summary>
    [Alias("Cancel")] Task<OrderOutcome> CancelAsync(Actor by, QuoteView? quote);

    /// <summary>Account only, after risk approved the new terms: changes quantity or prices at the venue.</summary>
    [Alias("Replace")] Task<OrderOutcome> ReplaceAsync(ReplaceOrder replace, QuoteView? quote);

    /// <summary>
    /// Account only: what the venue reported later (accepted, rejected, a fill, canceled). Applied and
    /// journaled once; a fill whose trade id the order has is answered Duplicate and changes nothing.
    /// </summary>
    [Alias("ApplyVenueReport")] Task<OrderOutcome> ApplyVenueReportAsync(VenueReport report);

    /// <summary>
    /// Account only, in reconciliation: an order left PendingCancel (its venue was away) that the venue still
    /// holds has its cancel sent again; any other order is returned as it is.
    /// </summary>
    [Alias("RetryCancel")] Task<OrderOutcome> RetryCancelAsync();
}

/// <summary>
/// What the account hands an order grain: the request, the account and its mode, risk's verdict
/// (null when approved), and the quote risk saw, which the paper venue fills against. New: the account,
/// rebuilt from the journal, has never seen this client order id, so the order grain need not read a
/// stream that cannot exist (a PostgreSQL read saved per order); the journal's key still refuses a
/// second placement should the account be wrong. Route: the venue ("mt5:TERMINAL"), null for the paper broker.
/// </summary>
[GenerateSerializer, Immutable, Alias("plan2.order-ticket")]
public sealed record OrderTicket(
    [property: Id(0)] string AccountId,
    [property: Id(1)] PlaceOrder Request,
    [property: Id(2)] string? DeniedCode,
    [property: Id(3)] string? DeniedMessage,
    [property: Id(4)] QuoteView? Quote,
    [property: Id(5)] bool New = false,
    [property: Id(6)] string? Route = null);
