namespace Plan2.Abstractions.Tenancy;

/// <summary>A member's role as clients see it; the same values as the Core rule type.</summary>
[GenerateSerializer, Alias("plan2.user-role")]
public enum UserRole
{
    Viewer = 0,
    Trader = 1,
    Admin = 2,
}
