namespace Plan2.Api;

/// <summary>The API's settings, bound from "Plan2:Api" (environment: Plan2__Api__…).</summary>
public sealed class ApiOptions
{
    public const string Section = "Plan2:Api";

    /// <summary>Base64 HMAC-SHA256 key (at least 32 bytes) that signs access tokens. Required in cluster mode; embedded generates one under Plan2:DataDir.</summary>
    public string? SigningKey { get; set; }
    public string Issuer { get; set; } = "plan2";
    public string Audience { get; set; } = "plan2-api";
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);
    /// <summary>Largest request body the API reads; larger ones get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;
    /// <summary>Sign-in and refresh attempts per minute from one client address (throttling before the per-user lockout).</summary>
    public int SignInsPerMinutePerAddress { get; set; } = 30;
    /// <summary>Live connections (SignalR hub and /ws together) one tenant may hold in this web process.</summary>
    public int MaxLiveConnectionsPerTenant { get; set; } = 100;
    /// <summary>Requests per minute of a tenant whose settings could not be read yet.</summary>
    public int DefaultRequestsPerMinute { get; set; } = 600;
}
