namespace Plan2.Abstractions.Trading;

/// <summary>
/// Opens an account: its currency, position mode, first deposit and own limits. With <c>Terminal</c> its
/// orders go to that MT5 terminal through the bridge instead of the paper broker.
/// </summary>
[GenerateSerializer, Immutable, Alias("plan2.open-account")]
public sealed record OpenAccount(
    [property: Id(0)] string Currency,
    [property: Id(1)] PositionMode Mode,
    [property: Id(2)] decimal Deposit,
    [property: Id(3)] Actor OpenedBy,
    [property: Id(4)] AccountLimits? Limits = null,
    [property: Id(5)] Mt5Link? Terminal = null);

/// <summary>An account's own risk limits; every null field inherits the tenant's (money in account currency).</summary>
[GenerateSerializer, Immutable, Alias("plan2.account-limits")]
public sealed record AccountLimits(
    [property: Id(0)] decimal? MaxOrderLots = null,
    [property: Id(1)] decimal? MaxOrderNotional = null,
    [property: Id(2)] decimal? MaxPositionLots = null,
    [property: Id(3)] decimal? MaxGrossExposure = null,
    [property: Id(4)] decimal? MaxDailyLoss = null,
    [property: Id(5)] int? MaxOpenOrders = null,
    [property: Id(6)] int? MaxSubmitsPerSecond = null,
    [property: Id(7)] decimal? MaxPriceDeviation = null,
    [property: Id(8)] TimeSpan? MaxQuoteAge = null);

/// <summary>What an account holds now, in account currency. UnbookedFills: fills the position book refused, each with its reason (should stay empty).</summary>
[GenerateSerializer, Immutable, Alias("plan2.account")]
public sealed record AccountView(
    [property: Id(0)] string AccountId,
    [property: Id(1)] string Currency,
    [property: Id(2)] PositionMode Mode,
    [property: Id(3)] decimal Deposits,
    [property: Id(4)] decimal Cash,
    [property: Id(5)] decimal RealizedPnl,
    [property: Id(6)] decimal Commission,
    [property: Id(7)] decimal? UnrealizedPnl,
    [property: Id(8)] decimal? GrossExposure,
    [property: Id(9)] IReadOnlyList<PositionView> Positions,
    [property: Id(10)] IReadOnlyList<StrategyPnlView> Strategies,
    [property: Id(11)] IReadOnlyList<string> OpenOrders,
    [property: Id(12)] bool KillSwitch,
    [property: Id(13)] AccountLimits Limits,
    [property: Id(14)] int OrdersPlaced,
    [property: Id(15)] IReadOnlyList<string> UnbookedFills,
    [property: Id(16)] decimal Swap = 0m);

/// <summary>One open position; a hedging account may hold several per symbol.</summary>
[GenerateSerializer, Immutable, Alias("plan2.position")]
public sealed record PositionView(
    [property: Id(0)] long Ticket,
    [property: Id(1)] string Symbol,
    [property: Id(2)] TradeSide Side,
    [property: Id(3)] decimal Quantity,
    [property: Id(4)] decimal AveragePrice,
    [property: Id(5)] string? StrategyId,
    [property: Id(6)] decimal RealizedPnl,
    [property: Id(7)] decimal? UnrealizedPnl = null);

/// <summary>A strategy's share of the account: realised after costs, unrealised on its open positions.</summary>
[GenerateSerializer, Immutable, Alias("plan2.strategy-pnl")]
public sealed record StrategyPnlView(
    [property: Id(0)] string StrategyId,
    [property: Id(1)] decimal NetRealizedPnl,
    [property: Id(2)] decimal? UnrealizedPnl,
    [property: Id(3)] decimal NetPosition);
