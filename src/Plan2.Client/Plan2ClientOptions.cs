using System.Net;

namespace Plan2.Client;

/// <summary>
/// Where the cluster is and who is calling. Give either <see cref="Gateway"/> (one silo's gateway, e.g. the
/// embedded platform's Plan2__GatewayPort) or <see cref="Redis"/> (the membership the silos register in).
/// </summary>
public sealed class Plan2ClientOptions
{
    /// <summary>An API key from the dashboard or POST /api/tenants/{tenantId}/api-keys ("p2_TENANT.KEY-ID.SECRET").</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>One gateway, "host:port" (127.0.0.1:30000 for the embedded platform's default).</summary>
    public string? Gateway { get; set; }

    /// <summary>A StackExchange.Redis connection string ("127.0.0.1:6379"): every gateway the silos register there.</summary>
    public string? Redis { get; set; }

    /// <summary>Plan2__ClusterId and Plan2__ServiceId of the silos ("plan2" unless configured otherwise).</summary>
    public string ClusterId { get; set; } = "plan2";
    public string ServiceId { get; set; } = "plan2";

    /// <summary>The account orders go to when a call names none (the REST API's default too).</summary>
    public string DefaultAccount { get; set; } = "main";

    /// <summary>How long connecting may take before it fails with a clear error.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(ApiKey))
            throw new ArgumentException("An API key is required (Plan2ClientOptions.ApiKey).");
        if ((Gateway is null) == (Redis is null))
            throw new ArgumentException("Give exactly one of Plan2ClientOptions.Gateway (host:port) and Plan2ClientOptions.Redis.");
        if (Gateway is not null)
            _ = GatewayEndPoint();
    }

    internal IPEndPoint GatewayEndPoint()
    {
        var colon = Gateway!.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(Gateway[(colon + 1)..], out var port) || port is <= 0 or > 65535)
            throw new ArgumentException($"Gateway '{Gateway}' is not host:port.");
        var host = Gateway[..colon];
        var address = IPAddress.TryParse(host, out var ip)
            ? ip
            : Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
              ?? throw new ArgumentException($"Gateway host '{host}' does not resolve to an IPv4 address.");
        return new IPEndPoint(address, port);
    }
}
