namespace Plan2.Abstractions.Tenancy;

/// <summary>One user of a tenant.</summary>
[GenerateSerializer, Immutable, Alias("plan2.tenant-user")]
public sealed record TenantUser(
    [property: Id(0)] string UserName,
    [property: Id(1)] UserRole Role,
    [property: Id(2)] DateTimeOffset AddedAt);

/// <summary>A tenant's limits and preferences.</summary>
[GenerateSerializer, Immutable, Alias("plan2.tenant-settings")]
public sealed record TenantSettingsView(
    [property: Id(0)] string BaseCurrency,
    [property: Id(1)] int MaxUsers,
    [property: Id(2)] int ApiRequestsPerMinute,
    [property: Id(3)] int MaxOpenOrders,
    [property: Id(4)] decimal MaxOrderNotional);

/// <summary>Everything a client may read about a tenant.</summary>
[GenerateSerializer, Immutable, Alias("plan2.tenant-profile")]
public sealed record TenantProfile(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] TenantSettingsView Settings,
    [property: Id(4)] IReadOnlyList<TenantUser> Users);

/// <summary>Creates a tenant with its first admin; settings are the defaults when null.</summary>
[GenerateSerializer, Immutable, Alias("plan2.create-tenant")]
public sealed record CreateTenant(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] string AdminUserName,
    [property: Id(2)] TenantSettingsView? Settings = null);
