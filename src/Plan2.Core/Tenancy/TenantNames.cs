namespace Plan2.Core.Tenancy;

/// <summary>Rules for the identifiers that key tenants and users (they end up in grain keys and URLs).</summary>
public static class TenantNames
{
    public static bool IsValidTenantId(string? id) =>
        id is { Length: >= 2 and <= 40 } && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && id[0] != '-' && id[^1] != '-';

    public static bool IsValidUserName(string? name) =>
        name is { Length: >= 1 and <= 64 } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@' or '+');

    /// <summary>User names compare without case: "Alice" and "alice" are one user.</summary>
    public static string NormalizeUserName(string name) => name.Trim().ToLowerInvariant();
}
