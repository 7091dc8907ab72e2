namespace Plan2.Abstractions.Operations;

/// <summary>What one silo last saw of one store: reachable or not, since when, and the last error.</summary>
[GenerateSerializer, Immutable, Alias("plan2.store-status")]
public sealed record StoreStatus(
    [property: Id(0)] string Store,
    [property: Id(1)] bool Reachable,
    [property: Id(2)] DateTimeOffset CheckedAt,
    [property: Id(3)] DateTimeOffset Since,
    [property: Id(4)] string? Error);
