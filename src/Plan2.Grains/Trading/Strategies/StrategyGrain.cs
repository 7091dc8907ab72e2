using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;
using Plan2.Abstractions.Trading;
using Plan2.Core.Strategies;
using Plan2.Core.Trading.Instruments;
using Plan2.Grains.Trading.Orders;

namespace Plan2.Grains.Trading.Strategies;

/// <summary>
/// A thin shell over the Core <see cref="AiStrategy"/>. When a bar moves the target, it places on its
/// own account and on each enabled follower the orders that bring that account's position for this
/// strategy to target × multiplier (floored to the lot step): as the backtester's runner does, a
/// reduce-only close first, so that taking risk off is never blocked by limits meant for new risk, then an open. Client order ids come from the grain,
/// the account and the bar, so a bar delivered twice never trades twice. Followers book the trades
/// under their own strategy id ("copy:" + the leader's key), so their P&amp;L stays apart from their own.
/// The target is not stored: after a restart the strategy starts flat and trades again on its next signal.
/// While enabled it is a member of its predictor's roster and so receives every published prediction
/// with its bar (StrategyGrain.Predictions.cs).
/// </summary>
public sealed partial class StrategyGrain(
    [PersistentState("strategy", StorageNames.GrainState)] IPersistentState<StrategyState> state,
    InstrumentCatalog catalog) : Grain, IStrategyGrain
{
    private AiStrategy? _strategy;

    // Key: TENANT/ACCOUNT/STRATEGY-ID/SYMBOL
    private string[] Key => this.GetPrimaryKeyString().Split('/');
    private string OwnAccount => $"{Key[0]}/{Key[1]}";
    private string StrategyId => Key[2];
    private string Symbol => Key[3];

    async Task IStrategyGrain.ConfigureAsync(StrategyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var built = Build(config); // validates before anything is stored
        var before = state.State.Config;
        if (_strategy is not null)
        {
            _strategy.Settings = config.ToSettings(StrategyId, Symbol);
            _strategy.Thresholds = config.ToThresholds(); // live: a retuned threshold applies from the next bar, no reactivation
        }
        else
            _strategy = built;
        state.State.Config = config;
        await state.WriteStateAsync();
        await SyncRosterAsync(before, config);
        // Listed on its account once configured, traded or not (idempotent: also lists strategies configured before the list existed).
        await GrainFactory.GetGrain<IAccountStrategiesGrain>($"{Key[0]}/{Key[1]}").AddAsync(StrategyId, Symbol);
    }

    async Task<StrategyDecision> IStrategyGrain.OnBarAsync(BarView bar, PredictionView? prediction)
    {
        ArgumentNullException.ThrowIfNull(bar);
        var strategy = _strategy ??= state.State.Config is { } c ? Build(c) : throw new InvalidOperationException($"Strategy '{this.GetPrimaryKeyString()}' is not configured.");
        _lastBarMs = Math.Max(_lastBarMs, bar.OpenTimeUnixMs);
        if (!strategy.OnBar(bar.ToBarClose(), prediction?.ToPrediction()))
        {
            _decidedBarMs = Math.Max(_decidedBarMs, bar.OpenTimeUnixMs);
            return new StrategyDecision(strategy.TargetLots, strategy.Reason.ToString(), []);
        }
        var orders = await MoveAllAsync(strategy, bar.OpenTimeUnixMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await WatchQuotesAsync();
        _decidedBarMs = Math.Max(_decidedBarMs, bar.OpenTimeUnixMs);
        return new StrategyDecision(strategy.TargetLots, strategy.Reason.ToString(), orders);
    }

    async Task IStrategyGrain.FollowAsync(string followerAccount, decimal multiplier)
    {
        if (multiplier <= 0m)
            throw new ArgumentOutOfRangeException(nameof(multiplier), multiplier, "A follower's multiplier must be positive.");
        if (followerAccount is null || followerAccount.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
            throw new ArgumentException($"A follower is an account key 'TENANT/ACCOUNT', not '{followerAccount}'.", nameof(followerAccount));
        state.State.Followers.RemoveAll(f => f.Account == followerAccount);
        state.State.Followers.Add(new StrategyFollower(followerAccount, multiplier, true));
        await state.WriteStateAsync();
    }

    async Task IStrategyGrain.SetFollowerEnabledAsync(string followerAccount, bool enabled)
    {
        var index = state.State.Followers.FindIndex(f => f.Account == followerAccount);
        if (index < 0)
            throw new InvalidOperationException($"'{followerAccount}' does not follow '{this.GetPrimaryKeyString()}'.");
        state.State.Followers[index] = state.State.Followers[index] with { Enabled = enabled };
        await state.WriteStateAsync();
    }

    Task<StrategyStatus> IStrategyGrain.GetAsync() => Task.FromResult(new StrategyStatus(
        state.State.Config, _strategy?.TargetLots ?? 0m, (_strategy?.Reason ?? TargetReason.None).ToString(), state.State.Followers.ToList(), _decidedBarMs));

    /// <summary>Brings its own account and every enabled follower to the target; <paramref name="stem"/> (the bar, or the quote of an exit) keys the orders.</summary>
    private async Task<List<OrderOutcome>> MoveAllAsync(AiStrategy strategy, string stem)
    {
        var orders = await MoveAsync(OwnAccount, StrategyId, 1m, strategy, stem);
        foreach (var follower in state.State.Followers.Where(f => f.Enabled))
            orders.AddRange(await MoveAsync(follower.Account, "copy:" + this.GetPrimaryKeyString().Replace('/', ':'), follower.Multiplier, strategy, stem));
        return orders;
    }

    /// <summary>The orders that take <paramref name="account"/>'s position for <paramref name="strategyId"/> to target × multiplier.</summary>
    private async Task<List<OrderOutcome>> MoveAsync(string account, string strategyId, decimal multiplier, AiStrategy strategy, string stem)
    {
        var grain = GrainFactory.GetGrain<IAccountGrain>(account);
        var view = await grain.GetAsync() ?? throw new InvalidOperationException($"Account '{account}' is not open.");
        var held = view.Strategies.FirstOrDefault(s => s.StrategyId == strategyId)?.NetPosition ?? 0m;
        var target = Math.Sign(strategy.TargetLots) * strategy.Instrument.FloorToLotStep(Math.Abs(strategy.TargetLots) * multiplier);
        if (target == held)
            return [new OrderOutcome(null, "NothingToTrade", $"Account '{account}' already holds {held} lots for '{strategyId}'.")];
        var id = $"s{StableHash(this.GetPrimaryKeyString() + "|" + account):x16}-{stem}";
        var outcomes = new List<OrderOutcome>();
        if (held != 0m && (Math.Sign(target) != Math.Sign(held) || Math.Abs(target) < Math.Abs(held)))
        {
            var close = Math.Sign(target) == Math.Sign(held) ? Math.Abs(held - target) : Math.Abs(held);
            var closed = await grain.PlaceOrderAsync(new PlaceOrder(id + "-c", Symbol, held > 0m ? TradeSide.Sell : TradeSide.Buy, close,
                Actor.Strategy(strategyId), ReduceOnly: true, StrategyId: strategyId));
            outcomes.Add(closed);
            if (closed.IsRefused)
                return outcomes;
            held -= Math.Sign(held) * close;
        }
        var open = target - held;
        if (open != 0m && Math.Sign(open) == Math.Sign(target))
            outcomes.Add(await grain.PlaceOrderAsync(new PlaceOrder(id + "-o", Symbol, open > 0m ? TradeSide.Buy : TradeSide.Sell, Math.Abs(open),
                Actor.Strategy(strategyId), Confidence: strategy.Confidence, StrategyId: strategyId)));
        return outcomes;
    }

    private AiStrategy Build(StrategyConfig config)
    {
        if (!catalog.TryGet(Symbol, out var instrument))
            throw new ArgumentException($"Unknown symbol '{Symbol}' in strategy key '{this.GetPrimaryKeyString()}'.");
        return new AiStrategy(config.ToSettings(StrategyId, Symbol), config.ToThresholds(), instrument);
    }

    /// <summary>FNV-1a: stable across processes (string.GetHashCode is not), for idempotent client order ids.</summary>
    private static ulong StableHash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
            hash = (hash ^ c) * 1099511628211UL;
        return hash;
    }
}
