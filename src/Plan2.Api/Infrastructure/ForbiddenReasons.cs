using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Plan2.Abstractions.Identity;

namespace Plan2.Api.Infrastructure;

/// <summary>
/// A 403 from the API's policies says why: a one-time password that must be changed first, or the role the operation
/// needs beside the caller's own. "Your role or tenant does not allow this" left an integrator guessing which.
/// Everything else (challenges, successes, refusals outside /api) goes the default way.
/// </summary>
internal sealed class ForbiddenReasons(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Forbidden && context.Request.Path.StartsWithSegments("/api") && Reason(context.User, result.AuthorizationFailure) is { } reason)
        {
            await ApiErrors.Write(problems, context, StatusCodes.Status403Forbidden, reason);
            return;
        }
        await _default.HandleAsync(next, context, policy, result);
    }

    public static string? Reason(ClaimsPrincipal user, AuthorizationFailure? failure)
    {
        if (failure is null)
            return null;
        if (user.HasClaim(c => c.Type == Plan2Claims.MustChangePassword))
            return "Choose your own password first (POST /api/me/password): a one-time password allows nothing else.";
        var needed = failure.FailedRequirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).ToList();
        if (needed.Count == 0)
            return null;
        var held = user.Identities.SelectMany(i => i.FindAll(i.RoleClaimType)).Select(c => c.Value).Distinct().ToList();
        return $"This needs the {string.Join(" or ", needed)} role; you have {(held.Count == 0 ? "none" : string.Join(", ", held))}.";
    }
}
