namespace Plan2.Abstractions.Operations;

/// <summary>
/// The stores as the silo that answers sees them (a stateless worker: one per silo, answered locally).
/// The web's readiness and the dashboard's degraded flag read it in cluster mode.
/// </summary>
[Alias("plan2.IStoreHealthGrain")]
public interface IStoreHealthGrain : IGrainWithIntegerKey
{
    /// <summary>The latest check of each store this silo uses; empty when it uses none (embedded).</summary>
    [Alias("GetStores"), ReadOnly] Task<IReadOnlyList<StoreStatus>> GetStoresAsync();
}
