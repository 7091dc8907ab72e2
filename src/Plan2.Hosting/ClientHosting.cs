using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;
using Plan2.Grains;
using Plan2.Hosting.Security;
using Plan2.Hosting.Operations;
using Plan2.Grains.Diagnostics;
using StackExchange.Redis;

namespace Plan2.Hosting;

public static class ClientHosting
{
    /// <summary>
    /// Makes this process a pure Orleans client of a cluster found through Redis. Start-up fails with
    /// <see cref="ClusterUnavailableException"/> when no silo answers within Plan2:ClientConnectTimeout.
    /// </summary>
    public static Plan2Options AddPlan2Client(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetPlan2Options();
        var redis = builder.Configuration.RequireConnectionString(ConnectionNames.Redis);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => { o.ClusterId = options.ClusterId; o.ServiceId = options.ServiceId; });
            client.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
            client.UseConnectionRetryFilter(new ConnectDeadline(options, redis));
            if (ClusterTls.Load(builder.Configuration) is { } certificate)
                client.UsePlan2Tls(certificate); // the gateways of a TLS cluster refuse anything else
            client.AddPlan2Failover(); // stop using a dead or hung gateway within seconds; fail fast
            client.AddDashboard();
            client.AddMemoryStreams(StreamNames.Provider);
            if (TelemetryHosting.IsEnabled(builder.Configuration))
                client.AddActivityPropagation();
        });
        builder.AddPlan2Telemetry(); // OTLP export only when OTEL_EXPORTER_OTLP_ENDPOINT is set
        builder.Services.AddErrorDnaCollection(); // this process's Error logs (web, API), fingerprinted for the ErrorDNA grain
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(options);
        return options;
    }

    /// <summary>Retries until the deadline, then replaces Orleans' error with one that says what to check.</summary>
    private sealed class ConnectDeadline(Plan2Options options, string redis) : IClientConnectionRetryFilter
    {
        private readonly DateTime _deadline = DateTime.UtcNow + options.ClientConnectTimeout;

        public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
        {
            if (DateTime.UtcNow >= _deadline)
                throw new ClusterUnavailableException(
                    $"No Orleans silo of cluster '{options.ClusterId}' answered within {options.ClientConnectTimeout.TotalSeconds:0} s " +
                    $"(membership in Redis at '{RedactPassword(redis)}'). Start a silo (dotnet run --project silo) " +
                    $"or check ConnectionStrings__Redis and Plan2__ClusterId. Last error: {exception.Message}", exception);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            return true;
        }

        private static string RedactPassword(string connection) =>
            string.Join(',', connection.Split(',').Where(p => !p.TrimStart().StartsWith("password", StringComparison.OrdinalIgnoreCase)));
    }
}
