using Plan2.Abstractions.Tenancy;
using Plan2.Core.Tenancy;

namespace Plan2.Grains.Tenancy;

/// <summary>Converts between the Core tenant, its stored form and the messages clients see.</summary>
internal static class TenantMapping
{
    public static Tenant ToTenant(this TenantState state, string id) => Tenant.Restore(
        id, state.DisplayName, state.CreatedAt, state.Settings.ToSettings(),
        state.Members.Select(m => new TenantMember(m.UserName, (TenantRole)m.Role, m.AddedAt)));

    public static void CopyTo(this Tenant tenant, TenantState state)
    {
        state.Created = true;
        state.DisplayName = tenant.DisplayName;
        state.CreatedAt = tenant.CreatedAt;
        state.Settings = tenant.Settings.ToRecord();
        state.Members = tenant.Members
            .Select(m => new TenantMemberRecord { UserName = m.UserName, Role = (int)m.Role, AddedAt = m.AddedAt })
            .ToList();
    }

    public static TenantProfile ToProfile(this Tenant tenant) => new(
        tenant.Id, tenant.DisplayName, tenant.CreatedAt, tenant.Settings.ToView(),
        tenant.Members.Select(ToView).ToList());

    public static TenantUser ToView(this TenantMember member) => new(member.UserName, (UserRole)member.Role, member.AddedAt);

    public static TenantRole ToCore(this UserRole role) => (TenantRole)role;

    public static TenantSettingsView ToView(this TenantSettings s) =>
        new(s.BaseCurrency, s.MaxUsers, s.ApiRequestsPerMinute, s.MaxOpenOrders, s.MaxOrderNotional);

    public static TenantSettings ToSettings(this TenantSettingsView v) => new()
    {
        BaseCurrency = v.BaseCurrency,
        MaxUsers = v.MaxUsers,
        ApiRequestsPerMinute = v.ApiRequestsPerMinute,
        MaxOpenOrders = v.MaxOpenOrders,
        MaxOrderNotional = v.MaxOrderNotional,
    };

    private static TenantSettingsRecord ToRecord(this TenantSettings s) => new()
    {
        BaseCurrency = s.BaseCurrency,
        MaxUsers = s.MaxUsers,
        ApiRequestsPerMinute = s.ApiRequestsPerMinute,
        MaxOpenOrders = s.MaxOpenOrders,
        MaxOrderNotional = s.MaxOrderNotional,
    };

    private static TenantSettings ToSettings(this TenantSettingsRecord r) => new()
    {
        BaseCurrency = r.BaseCurrency,
        MaxUsers = r.MaxUsers,
        ApiRequestsPerMinute = r.ApiRequestsPerMinute,
        MaxOpenOrders = r.MaxOpenOrders,
        MaxOrderNotional = r.MaxOrderNotional,
    };
}
