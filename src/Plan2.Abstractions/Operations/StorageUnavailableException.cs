namespace Plan2.Abstractions.Operations;

/// <summary>
/// A store the platform needs (PostgreSQL for orders and grain state, Redis for cluster membership)
/// did not answer. Raised in the silo in place of the driver's own exception, which Orleans cannot
/// carry to a client (its type is unknown to the serializer): the caller gets this, with the store
/// named. Nothing was acknowledged by the call that failed; retry it once the store is back. An OrleansException, so
/// that Orleans passes it on as it is where it wraps other errors (a grain's state read while it activates).
/// </summary>
[GenerateSerializer, Alias("plan2.storage-unavailable")]
public sealed class StorageUnavailableException : Orleans.Runtime.OrleansException
{
    public StorageUnavailableException() { }

    public StorageUnavailableException(string store, string message) : base(message) => Store = store;

    /// <summary>"PostgreSQL" or "Redis".</summary>
    [Id(0)] public string Store { get; private set; } = "";

    /// <summary>The driver's exception type (for error fingerprints), e.g. Npgsql.NpgsqlException.</summary>
    [Id(1)] public string CauseType { get; init; } = "";
}
