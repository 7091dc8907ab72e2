using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Plan2.Abstractions.Identity;
using Plan2.Api.Auth;
using Plan2.Api.Infrastructure;

namespace Plan2.Api.Endpoints;

/// <summary>One line of the tenant's audit: a security event or an order's change ("security" or "order").</summary>
public sealed record AuditEntry(DateTimeOffset At, string Source, string Kind, string? Actor, string Detail, string? OrderId);

/// <summary>The tenant's security and order events for its admins, newest first.</summary>
public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/audit", GetAudit).WithTags("Audit").RequireAuthorization(ApiPolicies.TenantAdmin).WithName("GetAudit")
            .WithSummary("Security events (sign-ins, lockouts, users, keys) and order changes of the tenant, newest first.");

    public static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ValidationProblem>> GetAudit(int? limit, ClaimsPrincipal user, IGrainFactory grains)
    {
        var max = limit ?? 200;
        if (max is < 1 or > 1000)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["Limit must be between 1 and 1000."] });
        var tenant = Caller.From(user).TenantId;
        var security = await grains.GetGrain<ITenantIdentityGrain>(tenant).GetSecurityLogAsync(max);
        var orders = await TenantOrders.ListAsync(grains, tenant, null, max);
        var entries = security.Select(e => new AuditEntry(e.At, "security", e.Kind, e.UserId, e.Detail, null))
            .Concat(orders.SelectMany(o => o.Audit.Select(a => new AuditEntry(a.At, "order", a.Event, a.By.ToString(), $"{a.From} → {a.To}: {a.Cause}", o.OrderId))))
            .OrderByDescending(e => e.At).Take(max).ToList();
        return TypedResults.Ok<IReadOnlyList<AuditEntry>>(entries);
    }
}
