using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;
using Plan2.Abstractions.Trading;

namespace Plan2.Grains.Trading.Strategies;

// Predictions, live: an enabled strategy is a member of the roster of its symbol and timeframe, which hands
// it every prediction the predictor publishes with the bar it was made on; each goes the same way as OnBarAsync.
public sealed partial class StrategyGrain : IPredictionSink
{
    private long _lastBarMs = long.MinValue;
    private long _decidedBarMs = long.MinValue;

    async Task IPredictionSink.OnPredictionAsync(BarView bar, PredictionView prediction)
    {
        ArgumentNullException.ThrowIfNull(bar);
        ArgumentNullException.ThrowIfNull(prediction);
        if (state.State.Config is not { } config || bar.Symbol != Symbol || bar.Timeframe != config.Timeframe
            || bar.OpenTimeUnixMs <= _lastBarMs) // a bar taken already (a redelivery) must not count twice towards holding time
            return;
        await ((IStrategyGrain)this).OnBarAsync(bar, prediction);
        // A disabled strategy stays on until its position is flat (the Core flattens it on the next bar), then leaves.
        if (!config.Enabled && _strategy is { TargetLots: 0m })
            await Roster(config.Timeframe).LeaveAsync(this.GetPrimaryKeyString());
    }

    /// <summary>Joins the roster of the configured timeframe when enabled; leaves the old one on a change of timeframe.</summary>
    private async Task SyncRosterAsync(StrategyConfig? before, StrategyConfig now)
    {
        var key = this.GetPrimaryKeyString();
        if (before is not null && before.Timeframe != now.Timeframe)
            await Roster(before.Timeframe).LeaveAsync(key);
        if (now.Enabled)
            await Roster(now.Timeframe).JoinAsync(key);
        else if (_strategy is not { TargetLots: not 0m })
            await Roster(now.Timeframe).LeaveAsync(key);
    }

    private IStrategyRosterGrain Roster(string timeframe) => GrainFactory.GetGrain<IStrategyRosterGrain>($"{Symbol}/{timeframe}");
}
