namespace Plan2.Grains.Trading.Orders;

/// <summary>
/// Keys of the trading grains. Account: "TENANT/ACCOUNT". Order: "TENANT/ORDER-ID" with order id
/// "ACCOUNT.CLIENT-ORDER-ID": derived from the client order id, so a resend reaches the same order.
/// Tenant and account ids use lower-case letters, digits and inner hyphens; client order ids 1-64 of
/// letters, digits, '_', '-', ':'.
/// </summary>
public static class OrderKeys
{
    public static string Account(string tenant, string accountId) => $"{tenant}/{accountId}";

    public static string Order(string tenant, string accountId, string clientOrderId) => $"{tenant}/{accountId}.{clientOrderId}";

    public static string Tenant(string key) => key[..Slash(key)];

    public static string OrderId(string key) => key[(Slash(key) + 1)..];

    public static string AccountId(string key) => key[(Slash(key) + 1)..];

    public static bool IsValidClientOrderId(string? id) =>
        id is { Length: >= 1 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or ':');

    private static int Slash(string key)
    {
        var i = key.IndexOf('/');
        return i > 0 ? i : throw new ArgumentException($"Key '{key}' has no tenant: expected 'TENANT/...'.", nameof(key));
    }
}
