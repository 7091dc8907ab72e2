namespace Plan2.Core.Identity;

/// <summary>Limits of the identity rules: one place, so the API's messages and the checks agree.</summary>
public sealed record IdentityRules
{
    public int MinPasswordLength { get; init; } = 12;
    public int MaxPasswordLength { get; init; } = 128;
    /// <summary>Failed sign-ins in a row that lock the user out.</summary>
    public int MaxFailedSignIns { get; init; } = 5;
    public TimeSpan LockoutDuration { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>Active (unrevoked) API keys a tenant may hold.</summary>
    public int MaxActiveApiKeys { get; init; } = 50;
    public int RecoveryCodeCount { get; init; } = 10;
    /// <summary>Security events kept per tenant; older ones fall off.</summary>
    public int SecurityLogCapacity { get; init; } = 1_000;

    public static IdentityRules Default { get; } = new();

    /// <summary>Null when the password is acceptable, otherwise why not.</summary>
    public string? CheckPassword(string? password)
    {
        if (password is null || password.Length < MinPasswordLength || password.Length > MaxPasswordLength)
            return $"A password must be {MinPasswordLength}-{MaxPasswordLength} characters long.";
        if (string.IsNullOrWhiteSpace(password) || password.Distinct().Count() < 4)
            return "A password must not be blank or repeat a few characters.";
        return null;
    }

    /// <summary>An email as user name: lower case, one '@' with text on both sides and a dot in the domain.</summary>
    public static bool IsValidEmail(string? email)
    {
        if (!Tenancy.TenantNames.IsValidUserName(email?.Trim()))
            return false;
        var at = email!.Trim().Split('@');
        return at.Length == 2 && at[0].Length > 0 && at[1].Contains('.') && at[1][0] != '.' && at[1][^1] != '.';
    }
}
