using System.Text.Json.Serialization;

namespace Plan2.Grains.Tenancy;

/// <summary>
/// The stored form of a tenant. Field names are fixed by [JsonPropertyName] and the Orleans
/// [Id]s, never by the CLR type name, so renaming or moving this class keeps stored rows readable.
/// </summary>
[GenerateSerializer, Alias("plan2.tenant-state.v1")]
public sealed class TenantState
{
    [Id(0), JsonPropertyName("created")] public bool Created { get; set; }
    [Id(1), JsonPropertyName("displayName")] public string DisplayName { get; set; } = "";
    [Id(2), JsonPropertyName("createdAt")] public DateTimeOffset CreatedAt { get; set; }
    [Id(3), JsonPropertyName("settings")] public TenantSettingsRecord Settings { get; set; } = new();
    [Id(4), JsonPropertyName("members")] public List<TenantMemberRecord> Members { get; set; } = [];
}

[GenerateSerializer, Alias("plan2.tenant-settings-record.v1")]
public sealed class TenantSettingsRecord
{
    [Id(0), JsonPropertyName("baseCurrency")] public string BaseCurrency { get; set; } = "USD";
    [Id(1), JsonPropertyName("maxUsers")] public int MaxUsers { get; set; }
    [Id(2), JsonPropertyName("apiRequestsPerMinute")] public int ApiRequestsPerMinute { get; set; }
    [Id(3), JsonPropertyName("maxOpenOrders")] public int MaxOpenOrders { get; set; }
    [Id(4), JsonPropertyName("maxOrderNotional")] public decimal MaxOrderNotional { get; set; }
}

[GenerateSerializer, Alias("plan2.tenant-member-record.v1")]
public sealed class TenantMemberRecord
{
    [Id(0), JsonPropertyName("userName")] public string UserName { get; set; } = "";
    [Id(1), JsonPropertyName("role")] public int Role { get; set; }
    [Id(2), JsonPropertyName("addedAt")] public DateTimeOffset AddedAt { get; set; }
}
