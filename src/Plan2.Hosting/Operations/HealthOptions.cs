namespace Plan2.Hosting.Operations;

/// <summary>Health and readiness settings, section "Plan2:Health".</summary>
public sealed class HealthOptions
{
    public const string Section = "Plan2:Health";

    /// <summary>Port of the silo's own HTTP health endpoint (/health/live, /health/ready); 0 = none. Env: Plan2__Health__Port.</summary>
    public int Port { get; set; }

    public TimeSpan StoreCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan StoreCheckTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
