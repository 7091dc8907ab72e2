using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Plan2.Abstractions.Trading;

namespace Plan2.Api.Endpoints;

/// <summary>Liveness (the process answers) and readiness (a grain answers within two seconds), without authentication.</summary>
public static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health").AllowAnonymous();
        health.MapGet("/live", () => TypedResults.Ok(new { status = "live" })).WithName("Live");
        health.MapGet("/ready", Ready).WithName("Ready");
    }

    public static async Task<Results<Ok<object>, ProblemHttpResult>> Ready(IGrainFactory grains)
    {
        try
        {
            await grains.GetGrain<IKillSwitchGrain>("platform").IsEngagedAsync().WaitAsync(TimeSpan.FromSeconds(2));
            return TypedResults.Ok<object>(new { status = "ready" });
        }
        catch (Exception e) when (e is TimeoutException or Orleans.Runtime.OrleansException or InvalidOperationException)
        {
            return TypedResults.Problem($"The cluster does not answer: {e.Message}", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
