namespace Plan2.Abstractions.Trading;

/// <summary>
/// Every strategy configured on one account (key "TENANT/ACCOUNT"), named "ID/SYMBOL", whether it has traded
/// or not, enabled or not: a strategy grain adds itself when configured. Lets /strategies and the dashboard list them all.
/// </summary>
[Alias("plan2.IAccountStrategiesGrain")]
public interface IAccountStrategiesGrain : IGrainWithStringKey
{
    [Alias("Add")] Task AddAsync(string strategyId, string symbol);

    /// <summary>"ID/SYMBOL" names, sorted.</summary>
    [Alias("List"), ReadOnly] Task<IReadOnlyList<string>> ListAsync();
}
