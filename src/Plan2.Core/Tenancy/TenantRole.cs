namespace Plan2.Core.Tenancy;

/// <summary>What a member of a tenant may do; ordered so that a higher value includes the lower ones.</summary>
public enum TenantRole
{
    Viewer = 0,
    Trader = 1,
    Admin = 2,
}
