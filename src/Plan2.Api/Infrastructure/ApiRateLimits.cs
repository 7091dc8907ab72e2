using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Plan2.Abstractions.Identity;
using Plan2.Api.Auth;

namespace Plan2.Api.Infrastructure;

/// <summary>
/// Per-tenant request quotas (a fixed one-minute window of the tenant's ApiRequestsPerMinute) for signed-in
/// callers, and a per-address throttle on sign-in and refresh; 429 with Retry-After and a problem body.
/// </summary>
internal static class ApiRateLimits
{
    public const string DashboardSignInPath = "/account/sign-in";

    public static void Configure(RateLimiterOptions o, ApiOptions options)
    {
        // Partition keys are value tuples: no string is built per request on the hot path.
        o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, (string Kind, string Id, int Limit)>(context =>
        {
            // The dashboard's sign-in form (/account/sign-in…) shares the API's per-address sign-in throttle.
            var signIn = context.Request.Path.StartsWithSegments("/api/auth") || context.Request.Path.StartsWithSegments(DashboardSignInPath);
            if (!context.Request.Path.StartsWithSegments("/api") && !signIn)
                return RateLimitPartition.GetNoLimiter(("", "", 0));
            if (context.User.FindFirst(Plan2Claims.Tenant)?.Value is { } tenant)
            {
                var perMinute = context.RequestServices.GetRequiredService<TenantQuotas>().RequestsPerMinute(tenant);
                return RateLimitPartition.GetFixedWindowLimiter(("tenant", tenant, perMinute), key => Window(key.Item3));
            }
            if (signIn)
            {
                var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(("sign-in", address, options.SignInsPerMinutePerAddress), key => Window(key.Item3));
            }
            return RateLimitPartition.GetNoLimiter(("", "", 0));
        });
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.OnRejected = async (context, ct) =>
        {
            var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
            var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
            context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await ApiErrors.Write(context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>(), context.HttpContext,
                StatusCodes.Status429TooManyRequests, $"Request quota reached; try again in {seconds} s.");
        };
    }

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
