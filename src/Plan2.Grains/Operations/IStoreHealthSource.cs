using Plan2.Abstractions.Operations;

namespace Plan2.Grains.Operations;

/// <summary>The silo's latest view of its stores (checked in the background by the host); empty when it has none.</summary>
public interface IStoreHealthSource
{
    IReadOnlyList<StoreStatus> Current { get; }
}
