namespace Plan2.Abstractions.Trading;

/// <summary>
/// One order's lifecycle, keyed "TENANT/CLIENT-ORDER-ID" so that a resubmission finds the same grain.
/// Its behaviour arrives with the trading work; until then no implementation is registered.
/// </summary>
[Alias("plan2.IOrderGrain")]
public interface IOrderGrain : IGrainWithStringKey
{
    /// <summary>The order's current status and audit trail, or null if it was never submitted.</summary>
    [Alias("GetStatus"), ReadOnly] Task<OrderStatusView?> GetStatusAsync();
}

/// <summary>What a client sees of an order.</summary>
[GenerateSerializer, Immutable, Alias("plan2.order-status")]
public sealed record OrderStatusView(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string Status,
    [property: Id(2)] decimal FilledQuantity);
