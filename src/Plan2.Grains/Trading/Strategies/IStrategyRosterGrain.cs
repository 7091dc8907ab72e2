using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;

namespace Plan2.Grains.Trading.Strategies;

/// <summary>
/// The strategies that trade one predictor's calls, keyed like the predictor ("SYMBOL/TIMEFRAME"): strategy
/// grains join when enabled and leave when disabled and flat; the silo's prediction publisher hands it every
/// published prediction, and it hands each on to every member, all members at once, in prediction order.
/// </summary>
[Alias("plan2.IStrategyRosterGrain")]
public interface IStrategyRosterGrain : IGrainWithStringKey
{
    [Alias("Join")] Task JoinAsync(string strategyKey);

    [Alias("Leave")] Task LeaveAsync(string strategyKey);

    [Alias("Deliver")] Task DeliverAsync(BarView bar, PredictionView prediction);

    [Alias("GetMembers"), Orleans.Concurrency.ReadOnly] Task<IReadOnlyList<string>> GetMembersAsync();
}

/// <summary>A strategy grain's side of the roster: one published prediction of its symbol and timeframe, with the bar it was made on.</summary>
[Alias("plan2.IPredictionSink")]
public interface IPredictionSink : IGrainWithStringKey
{
    [Alias("OnPrediction")] Task OnPredictionAsync(BarView bar, PredictionView prediction);
}
