using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;

namespace Plan2.Abstractions.Trading;

/// <summary>
/// One strategy of one account on one symbol, keyed "TENANT/ACCOUNT/STRATEGY-ID/SYMBOL": turns each
/// closed bar and its prediction into a target position and places the orders that reach it, on its
/// own account and, scaled by each follower's multiplier, on every account that copies it (each
/// follower's own risk limits apply, and each can be stopped on its own).
/// </summary>
[Alias("plan2.IStrategyGrain")]
public interface IStrategyGrain : IGrainWithStringKey
{
    /// <summary>Sets thresholds, size, holding time, stop and take-profit (ATR units), enabled or not; applies from the next bar.</summary>
    [Alias("Configure")] Task ConfigureAsync(StrategyConfig config);

    /// <summary>A closed bar and the prediction for it: returns the target and the orders placed for it.</summary>
    [Alias("OnBar")] Task<StrategyDecision> OnBarAsync(BarView bar, PredictionView? prediction);

    /// <summary>Copy trading: the account "TENANT/ACCOUNT" follows this strategy with its own size multiplier.</summary>
    [Alias("Follow")] Task FollowAsync(string followerAccount, decimal multiplier);

    /// <summary>A follower's stop switch: a stopped follower gets no further orders.</summary>
    [Alias("SetFollowerEnabled")] Task SetFollowerEnabledAsync(string followerAccount, bool enabled);

    [Alias("Get"), ReadOnly] Task<StrategyStatus> GetAsync();
}

/// <summary>AI strategy settings: thresholds on P(up) and confidence, full size in lots, exits in ATR units.</summary>
[GenerateSerializer, Immutable, Alias("plan2.strategy-config")]
public sealed record StrategyConfig(
    [property: Id(0)] decimal Lots,
    [property: Id(1)] string Timeframe = "M1",
    [property: Id(2)] bool Enabled = true,
    [property: Id(3)] bool AllowShort = true,
    [property: Id(4)] int HoldBars = 5,
    [property: Id(5)] double StopAtr = 2.0,
    [property: Id(6)] double TakeProfitAtr = 3.0,
    [property: Id(7)] double LongAbove = 0.53,
    [property: Id(8)] double ShortBelow = 0.47,
    [property: Id(9)] double MinConfidence = 0.5,
    [property: Id(10)] double ConfidenceFloor = 0.0);

[GenerateSerializer, Immutable, Alias("plan2.strategy-follower")]
public sealed record StrategyFollower([property: Id(0)] string Account, [property: Id(1)] decimal Multiplier, [property: Id(2)] bool Enabled);

[GenerateSerializer, Immutable, Alias("plan2.strategy-decision")]
public sealed record StrategyDecision(
    [property: Id(0)] decimal TargetLots,
    [property: Id(1)] string Reason,
    [property: Id(2)] IReadOnlyList<OrderOutcome> Orders);

/// <summary>LastBarUnixMs: the open time of the last bar decided on and traded (its orders placed), long.MinValue before the first.</summary>
[GenerateSerializer, Immutable, Alias("plan2.strategy-status")]
public sealed record StrategyStatus(
    [property: Id(0)] StrategyConfig? Config,
    [property: Id(1)] decimal TargetLots,
    [property: Id(2)] string Reason,
    [property: Id(3)] IReadOnlyList<StrategyFollower> Followers,
    [property: Id(4)] long LastBarUnixMs = long.MinValue);
