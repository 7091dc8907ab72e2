namespace Plan2.Abstractions.Trading;

/// <summary>
/// Lists an account's orders from the order journal, keyed "TENANT/ACCOUNT" like the account. A stateless
/// reader: the journal is the record, so nothing is kept here.
/// </summary>
[Alias("plan2.IAccountOrdersGrain")]
public interface IAccountOrdersGrain : IGrainWithStringKey
{
    /// <summary>Order ids ("ACCOUNT.CLIENT-ORDER-ID") of the account, newest first, at most <paramref name="max"/>.</summary>
    [Alias("ListOrderIds")] Task<IReadOnlyList<string>> ListOrderIdsAsync(int max);
}
