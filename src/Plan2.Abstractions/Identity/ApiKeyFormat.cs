namespace Plan2.Abstractions.Identity;

/// <summary>
/// An API key as integrators hold it: "p2_TENANT.KEY-ID.SECRET". The tenant and key id route the check to
/// the right grain without any lookup; only the secret is secret. Public so the edge parses it the same way.
/// </summary>
public static class ApiKeyFormat
{
    public const string Prefix = "p2_";

    public static string Compose(string tenantId, string keyId, string secret) => $"{Prefix}{tenantId}.{keyId}.{secret}";

    public static bool TryParse(string? key, out string tenantId, out string keyId, out string secret)
    {
        tenantId = keyId = secret = "";
        if (key is null || !key.StartsWith(Prefix, StringComparison.Ordinal) || key.Length > 200)
            return false;
        var parts = key[Prefix.Length..].Split('.');
        if (parts.Length != 3 || parts.Any(string.IsNullOrEmpty))
            return false;
        (tenantId, keyId, secret) = (parts[0], parts[1], parts[2]);
        return tenantId.Length is >= 2 and <= 40 && tenantId.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
    }
}
