namespace Plan2.Abstractions.Identity;

/// <summary>
/// The claim names every face (REST API, dashboard, Telegram bot, SDK) reads from a signed-in caller.
/// Defined once so that a token issued by the API means the same thing everywhere.
/// </summary>
public static class Plan2Claims
{
    /// <summary>The caller's tenant id ("acme"); platform admins belong to <see cref="PlatformTenant"/>.</summary>
    public const string Tenant = "plan2:tenant";

    /// <summary>The user's opaque id ("u-…"): what audit trails record, so erasing a person keeps the trail.</summary>
    public const string UserId = "sub";

    /// <summary>The user's email (their sign-in name).</summary>
    public const string Email = "email";

    /// <summary>One claim per role the caller holds (values in <see cref="Plan2Roles"/>).</summary>
    public const string Role = "role";

    /// <summary>Present ("true") while the caller must change a one-time password before doing anything else.</summary>
    public const string MustChangePassword = "plan2:must-change-password";

    /// <summary>Present when the caller authenticated with an API key: the key's id.</summary>
    public const string ApiKeyId = "plan2:api-key";

    /// <summary>The reserved tenant whose admins are the platform's admins.</summary>
    public const string PlatformTenant = "platform";
}

/// <summary>Role claim values. A tenant admin is also a trader and a viewer; a platform admin also a tenant admin.</summary>
public static class Plan2Roles
{
    public const string PlatformAdmin = "platform-admin";
    public const string TenantAdmin = "tenant-admin";
    public const string Trader = "trader";
    public const string Viewer = "viewer";
}

/// <summary>Keys of values carried in Orleans' RequestContext from the edge to the silos.</summary>
public static class Plan2RequestContext
{
    /// <summary>The calling user's tenant; the silo's call filter compares it with the target grain's key.</summary>
    public const string Tenant = "plan2.tenant";

    /// <summary>
    /// A grain client's signed grant (from <see cref="IClientGateGrain"/>): the silo verifies it on every call
    /// that comes in through a gateway and takes the tenant and role from it, never from the client's word.
    /// </summary>
    public const string Grant = "plan2.grant";
}
