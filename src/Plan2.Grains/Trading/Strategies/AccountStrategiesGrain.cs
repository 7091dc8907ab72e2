using System.Text.Json.Serialization;
using Plan2.Abstractions.Trading;

namespace Plan2.Grains.Trading.Strategies;

/// <summary>The account's configured strategies, kept durably; a name is added once and never dropped (a disabled strategy is still one).</summary>
public sealed class AccountStrategiesGrain(
    [PersistentState("account-strategies", StorageNames.GrainState)] IPersistentState<AccountStrategiesState> state) : Grain, IAccountStrategiesGrain
{
    public async Task AddAsync(string strategyId, string symbol)
    {
        if (state.State.Names.Add($"{strategyId}/{symbol}"))
            await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Names.Order(StringComparer.Ordinal)]);
}

[GenerateSerializer, Alias("plan2.account-strategies-state.v1")]
public sealed class AccountStrategiesState
{
    [Id(0), JsonPropertyName("names")] public HashSet<string> Names { get; set; } = new(StringComparer.Ordinal);
}
