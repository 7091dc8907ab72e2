namespace Plan2.Core.Tenancy;

/// <summary>A user of a tenant with the role the tenant gave them.</summary>
public sealed record TenantMember(string UserName, TenantRole Role, DateTimeOffset AddedAt);
