using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;

namespace Plan2.Web.Services;

/// <summary>
/// Who is using this circuit, and which tenant account they act on. Until sign-in exists this is the
/// fixed demo desk (<see cref="DemoDesk"/>); the identity work replaces <see cref="ForDemo"/> with the
/// signed-in user's claims, and every page asks only this type.
/// </summary>
public sealed class DashboardUser(string userName, string displayName, UserRole role, string tenantId, string accountId)
{
    public string UserName { get; } = userName;
    public string DisplayName { get; } = displayName;
    public UserRole Role { get; } = role;
    public string TenantId { get; } = tenantId;
    public string AccountId { get; } = accountId;

    /// <summary>The account grain's key, "TENANT/ACCOUNT".</summary>
    public string AccountKey => $"{TenantId}/{AccountId}";

    public Actor Actor => Actor.User(UserName);

    public bool Has(UserRole least) => Role >= least;

    /// <summary>Traders and admins act; viewers see and never act.</summary>
    public bool CanTrade => Has(UserRole.Trader);

    public static DashboardUser ForDemo(DemoDesk desk) => new(desk.UserName, desk.UserName, desk.Role, desk.TenantId, desk.AccountId);
}
