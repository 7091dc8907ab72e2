using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Plan2.Abstractions.Identity;
using Plan2.Abstractions.Tenancy;
using Plan2.Api.Auth;
using Plan2.Api.Infrastructure;
using Plan2.Core.Identity;
using Plan2.Core.Tenancy;

namespace Plan2.Api.Endpoints;

public sealed record CreateTenantRequest(string? Name, TenantSettingsView? Settings = null);

public sealed record CreatedTenant(string Id, TenantProfile Profile);

public sealed record CreateUserRequest(string? Email, string? Password, string? Role);

public sealed record CreateApiKeyRequest(string? Name, string? Role);

/// <summary>Tenants (platform admins create them), their users and API keys (their admins manage them).</summary>
public static class TenantEndpoints
{
    public static void MapTenantEndpoints(this RouteGroupBuilder api)
    {
        var tenants = api.MapGroup("/tenants").WithTags("Tenants");
        tenants.MapPost("/", Create).RequireAuthorization(ApiPolicies.PlatformAdmin).WithName("CreateTenant")
            .WithSummary("Creates a tenant from its display name; returns its id. Platform admins only.");
        tenants.MapGet("/{tenantId}", Get).RequireAuthorization(ApiPolicies.Viewer).WithName("GetTenant");
        tenants.MapPut("/{tenantId}/settings", UpdateSettings).RequireAuthorization(ApiPolicies.PlatformAdmin).WithName("UpdateTenantSettings")
            .WithSummary("Replaces the tenant's quotas and limits. Platform admins only.");
        tenants.MapPost("/{tenantId}/users", AddUser).RequireAuthorization(ApiPolicies.TenantAdmin).WithName("AddUser")
            .WithSummary("Adds a user with email, password and role (viewer, trader, tenant-admin).");
        tenants.MapGet("/{tenantId}/users", ListUsers).RequireAuthorization(ApiPolicies.TenantAdmin).WithName("ListUsers");
        tenants.MapPost("/{tenantId}/api-keys", CreateKey).RequireAuthorization(ApiPolicies.TenantAdmin).WithName("CreateApiKey")
            .WithSummary("Creates an API key with a role no higher than yours; the key is in this answer only.");
        tenants.MapGet("/{tenantId}/api-keys", ListKeys).RequireAuthorization(ApiPolicies.TenantAdmin).WithName("ListApiKeys");
        tenants.MapDelete("/{tenantId}/api-keys/{keyId}", RevokeKey).RequireAuthorization(ApiPolicies.TenantAdmin).WithName("RevokeApiKey");
    }

    public const string TenantNameRule = "Give a name of 1-100 characters with at least two letters or digits.";

    public static async Task<Results<Created<CreatedTenant>, ValidationProblem>> Create(CreateTenantRequest request, IGrainFactory grains)
    {
        var created = await CreateTenantAsync(grains, request.Name, request.Settings);
        return created is null
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [TenantNameRule] })
            : TypedResults.Created($"/api/tenants/{created.Id}", created);
    }

    /// <summary>Creates a tenant with an id made from its name ("Acme" → "acme", then "acme-2" if taken); null for a bad name. The dashboard creates tenants here too.</summary>
    public static async Task<CreatedTenant?> CreateTenantAsync(IGrainFactory grains, string? name, TenantSettingsView? settings)
    {
        var id = TenantIdFrom(name);
        if (id is null)
            return null;
        for (var n = 1; ; n++)
        {
            var candidate = n == 1 ? id : $"{id[..Math.Min(id.Length, 36)]}-{n}";
            if (candidate == Plan2Claims.PlatformTenant || await grains.GetGrain<ITenantGrain>(candidate).GetAsync() is not null)
                continue;
            var profile = await grains.GetGrain<ITenantIdentityGrain>(candidate).CreateManagedAsync(name!.Trim(), settings);
            return new CreatedTenant(candidate, profile);
        }
    }

    public static async Task<Results<Ok<TenantProfile>, NotFound, ProblemHttpResult>> Get(string tenantId, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (Refuse(user, tenantId) is { } refusal)
            return refusal;
        if (!TenantNames.IsValidTenantId(tenantId))
            return TypedResults.NotFound();
        var profile = await grains.GetGrain<ITenantGrain>(tenantId).GetAsync();
        return profile is null ? TypedResults.NotFound() : TypedResults.Ok(profile);
    }

    public static async Task<Results<Ok<TenantSettingsView>, ProblemHttpResult>> UpdateSettings(
        string tenantId, TenantSettingsView settings, IGrainFactory grains, TenantQuotas quotas)
    {
        if (!TenantNames.IsValidTenantId(tenantId) || await grains.GetGrain<ITenantGrain>(tenantId).GetAsync() is null)
            return TypedResults.Problem($"There is no tenant '{tenantId}'.", statusCode: StatusCodes.Status404NotFound);
        var updated = await grains.GetGrain<ITenantGrain>(tenantId).UpdateSettingsAsync(settings);
        quotas.Forget(tenantId);
        return TypedResults.Ok(updated);
    }

    public static async Task<Results<Created<UserAccountView>, ValidationProblem, ProblemHttpResult>> AddUser(
        string tenantId, CreateUserRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (Refuse(user, tenantId) is { } refusal)
            return refusal;
        var role = ParseRole(request.Role);
        var check = new Validation()
            .Require(IdentityRules.IsValidEmail(request.Email), "email", "Give a valid email address (letters, digits and . _ - + @).")
            .Require(IdentityRules.Default.CheckPassword(request.Password) is null, "password", IdentityRules.Default.CheckPassword(request.Password) ?? "")
            .Require(role is not null, "role", "Role must be viewer, trader or tenant-admin.");
        if (!check.IsValid)
            return TypedResults.ValidationProblem(check.Errors);
        var created = await grains.GetGrain<ITenantIdentityGrain>(tenantId).RegisterUserAsync(new NewUser(request.Email!, request.Password!, role!.Value));
        return TypedResults.Created($"/api/tenants/{tenantId}/users/{created.UserId}", created);
    }

    public static async Task<Results<Ok<IReadOnlyList<TenantUser>>, ProblemHttpResult>> ListUsers(string tenantId, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (Refuse(user, tenantId) is { } refusal)
            return refusal;
        return TypedResults.Ok(await grains.GetGrain<ITenantGrain>(tenantId).ListUsersAsync());
    }

    public static async Task<Results<Created<ApiKeyCreated>, ValidationProblem, ProblemHttpResult>> CreateKey(
        string tenantId, CreateApiKeyRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (Refuse(user, tenantId) is { } refusal)
            return refusal;
        var caller = Caller.From(user);
        var role = ParseRole(request.Role);
        var check = new Validation()
            .Require(!string.IsNullOrWhiteSpace(request.Name) && request.Name.Trim().Length <= 100, "name", "Give the key a name of 1-100 characters.")
            .Require(role is not null, "role", "Role must be viewer, trader or tenant-admin.");
        if (!check.IsValid)
            return TypedResults.ValidationProblem(check.Errors);
        var created = await grains.GetGrain<ITenantIdentityGrain>(tenantId).CreateApiKeyAsync(request.Name!, role!.Value, caller.UserId);
        return TypedResults.Created($"/api/tenants/{tenantId}/api-keys/{created.Info.KeyId}", created);
    }

    public static async Task<Results<Ok<IReadOnlyList<ApiKeyView>>, ProblemHttpResult>> ListKeys(string tenantId, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (Refuse(user, tenantId) is { } refusal)
            return refusal;
        return TypedResults.Ok(await grains.GetGrain<ITenantIdentityGrain>(tenantId).ListApiKeysAsync());
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> RevokeKey(string tenantId, string keyId, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (Refuse(user, tenantId) is { } refusal)
            return refusal;
        return await grains.GetGrain<ITenantIdentityGrain>(tenantId).RevokeApiKeyAsync(keyId, Caller.From(user).UserId)
            ? TypedResults.NoContent()
            : TypedResults.NotFound();
    }

    /// <summary>The edge's tenant check: the path's tenant must be the token's (platform admins may act on any).</summary>
    internal static ProblemHttpResult? Refuse(ClaimsPrincipal user, string tenantId) =>
        Caller.From(user).MayAccess(tenantId)
            ? null
            : TypedResults.Problem($"Tenant '{tenantId}' is not yours.", statusCode: StatusCodes.Status403Forbidden);

    internal static UserRole? ParseRole(string? role) => role?.Trim().ToLowerInvariant() switch
    {
        Plan2Roles.Viewer => UserRole.Viewer,
        Plan2Roles.Trader => UserRole.Trader,
        Plan2Roles.TenantAdmin or "admin" => UserRole.Admin,
        _ => null,
    };

    /// <summary>A tenant id from a display name: lower-case letters and digits, other runs become one hyphen.</summary>
    internal static string? TenantIdFrom(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
            return null;
        var chars = new System.Text.StringBuilder();
        foreach (var c in name.Trim().ToLowerInvariant())
            if (char.IsAsciiLetterOrDigit(c))
                chars.Append(c);
            else if (chars.Length > 0 && chars[^1] != '-')
                chars.Append('-');
        var id = chars.ToString().Trim('-');
        if (id.Length > 36)
            id = id[..36].TrimEnd('-');
        return TenantNames.IsValidTenantId(id) ? id : null;
    }
}
