using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;

namespace Plan2.Grains.Trading.Strategies;

/// <summary>
/// Keeps the member list durable (a strategy joins once, when enabled) and fans each prediction out by
/// direct grain calls (well under a millisecond, against ~50 ms for a polled stream). One member failing
/// does not keep the prediction from the others.
/// </summary>
public sealed class StrategyRosterGrain(
    [PersistentState("strategy-roster", StorageNames.GrainState)] IPersistentState<StrategyRosterState> state,
    ILogger<StrategyRosterGrain> logger) : Grain, IStrategyRosterGrain
{
    async Task IStrategyRosterGrain.JoinAsync(string strategyKey)
    {
        if (state.State.Members.Add(strategyKey))
            await state.WriteStateAsync();
    }

    async Task IStrategyRosterGrain.LeaveAsync(string strategyKey)
    {
        if (state.State.Members.Remove(strategyKey))
            await state.WriteStateAsync();
    }

    Task IStrategyRosterGrain.DeliverAsync(BarView bar, PredictionView prediction)
    {
        ArgumentNullException.ThrowIfNull(bar);
        ArgumentNullException.ThrowIfNull(prediction);
        return state.State.Members.Count == 0 ? Task.CompletedTask : Task.WhenAll(state.State.Members.Select(m => DeliverAsync(m, bar, prediction)));
    }

    Task<IReadOnlyList<string>> IStrategyRosterGrain.GetMembersAsync() =>
        Task.FromResult<IReadOnlyList<string>>(state.State.Members.Order(StringComparer.Ordinal).ToList());

    private async Task DeliverAsync(string member, BarView bar, PredictionView prediction)
    {
        try
        {
            await GrainFactory.GetGrain<IPredictionSink>(member).OnPredictionAsync(bar, prediction);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Strategy {Strategy} failed on the prediction for {Key} bar {Bar}", member, this.GetPrimaryKeyString(), prediction.BarTimeUnixMs);
        }
    }
}

/// <summary>The stored form of a roster: the strategy grain keys it delivers to.</summary>
[GenerateSerializer, Alias("plan2.strategy-roster-state.v1")]
public sealed class StrategyRosterState
{
    [Id(0), JsonPropertyName("members")] public HashSet<string> Members { get; set; } = new(StringComparer.Ordinal);
}
