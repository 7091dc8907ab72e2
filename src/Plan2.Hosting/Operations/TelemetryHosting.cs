using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Plan2.Grains.Operations;

namespace Plan2.Hosting.Operations;

/// <summary>
/// OpenTelemetry over OTLP, on only when the standard OTEL_EXPORTER_OTLP_ENDPOINT is set (the other
/// OTEL_* variables apply as usual: OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_SERVICE_NAME,
/// OTEL_METRIC_EXPORT_INTERVAL). Metrics: Orleans' own meter and ours (<see cref="Plan2Metrics"/>);
/// traces: Orleans' grain calls and ASP.NET Core requests; logs with their scopes (tenant, grain).
/// </summary>
public static class TelemetryHosting
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public static readonly string[] Meters = ["Microsoft.Orleans", Plan2Metrics.MeterName, "Microsoft.AspNetCore.Hosting"];
    public static readonly string[] Sources = ["Microsoft.Orleans.*", "Microsoft.AspNetCore"];

    public static bool IsEnabled(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[EndpointVariable]);

    public static void AddPlan2Telemetry(this IHostApplicationBuilder builder)
    {
        if (!IsEnabled(builder.Configuration))
            return;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName))
            .WithMetrics(m => m.AddMeter(Meters).AddOtlpExporter())
            .WithTracing(t => t.AddSource(Sources).AddOtlpExporter())
            .WithLogging(l => l.AddOtlpExporter(), o => { o.IncludeScopes = true; o.IncludeFormattedMessage = true; });
    }
}
