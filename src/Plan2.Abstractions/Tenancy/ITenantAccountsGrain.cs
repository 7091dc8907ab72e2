namespace Plan2.Abstractions.Tenancy;

/// <summary>
/// The trading accounts a tenant opened through the API, keyed by tenant id: what "all my positions"
/// and "all my orders" range over. Accounts opened by grain calls directly can be registered too.
/// </summary>
[Alias("plan2.ITenantAccountsGrain")]
public interface ITenantAccountsGrain : IGrainWithStringKey
{
    /// <summary>Adds an account id (idempotent).</summary>
    [Alias("Register")] Task RegisterAsync(string accountId);

    [Alias("List"), ReadOnly] Task<IReadOnlyList<string>> ListAsync();
}
