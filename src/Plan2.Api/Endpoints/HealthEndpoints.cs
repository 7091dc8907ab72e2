using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Plan2.Abstractions.Operations;
using Plan2.Abstractions.Trading;

namespace Plan2.Api.Endpoints;

/// <summary>
/// Liveness (the process answers) and readiness (a grain answers within two seconds and the silo that
/// answers reaches its stores: 503 "degraded" naming the store otherwise), without authentication.
/// </summary>
public static class HealthEndpoints
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health").AllowAnonymous();
        health.MapGet("/live", () => TypedResults.Ok(new { status = "live" })).WithName("Live");
        health.MapGet("/ready", Ready).WithName("Ready");
    }

    public static async Task<Results<Ok<ReadinessReport>, JsonHttpResult<ReadinessReport>, ProblemHttpResult>> Ready(IGrainFactory grains)
    {
        try
        {
            await grains.GetGrain<IKillSwitchGrain>("platform").IsEngagedAsync().WaitAsync(Budget);
            var report = ReadinessReport.FromStores(await grains.GetGrain<IStoreHealthGrain>(0).GetStoresAsync().WaitAsync(Budget));
            return report.IsReady
                ? TypedResults.Ok(report)
                : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception e) when (e is TimeoutException or Orleans.Runtime.OrleansException or InvalidOperationException or StorageUnavailableException)
        {
            return TypedResults.Problem($"The cluster does not answer: {e.Message}", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
