namespace Plan2.Hosting;

/// <summary>How this process takes part in Orleans. Bound from the "Plan2" configuration section.</summary>
public sealed class Plan2Options
{
    public const string Section = "Plan2";

    /// <summary>Embedded: one process, silo co-hosted, state in memory. Cluster: Redis + PostgreSQL.</summary>
    public HostingMode Mode { get; set; } = HostingMode.Embedded;
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    public string ClusterId { get; set; } = "plan2";
    public string ServiceId { get; set; } = "plan2";
    /// <summary>Address other silos and clients use to reach this silo (an IP or a host name).</summary>
    public string AdvertisedHost { get; set; } = "127.0.0.1";
    /// <summary>How long a client waits for a silo before it gives up with a clear error.</summary>
    public TimeSpan ClientConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>
    /// Whether gateway clients must prove an API key (the Plan2.Client SDK does) before any call. Unset: yes when
    /// embedded (the web is in-process, so only SDK clients use the gateway), no in a cluster (the web is a client).
    /// </summary>
    public bool? GatewayRequiresApiKey { get; set; }
}

public enum HostingMode
{
    Embedded,
    Cluster,
}
