namespace Plan2.Grains;

/// <summary>Names of grain storage providers: the contract between grains and the host's configuration.</summary>
public static class StorageNames
{
    /// <summary>Durable grain state: PostgreSQL in a cluster, memory when embedded.</summary>
    public const string GrainState = "plan2";
}
