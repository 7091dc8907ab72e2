using Plan2.Abstractions.MarketData;

namespace Plan2.Abstractions.Trading;

/// <summary>
/// A trailing stop we hold ourselves (not at the venue), keyed "TENANT/ACCOUNT/STOP-ID": it follows the
/// closing price of its position's side (bid for a long, ask for a short) at a distance, only in the
/// position's favour and by at least the step, and when the price reaches it places a reduce-only market
/// exit for its quantity through the account (risk and journal as any order). It listens to the symbol's
/// ticks while armed.
/// </summary>
[Alias("plan2.ITrailingStopGrain")]
public interface ITrailingStopGrain : IGrainWithStringKey, ITickObserver
{
    /// <summary>Arms the stop at distance from the current closing price; refused (with a reason code) for bad input, changing nothing.</summary>
    [Alias("Arm")] Task<TrailingStopView> ArmAsync(ArmTrailingStop request);

    /// <summary>Disarms it; no exit is placed.</summary>
    [Alias("Disarm")] Task<TrailingStopView> DisarmAsync(Actor by);

    [Alias("Get"), Orleans.Concurrency.ReadOnly] Task<TrailingStopView?> GetAsync();
}

/// <summary>Protect a position: Side is the position's (Buy for a long); prices exact and on the instrument's tick.</summary>
[GenerateSerializer, Immutable, Alias("plan2.arm-trailing-stop")]
public sealed record ArmTrailingStop(
    [property: Id(0)] string Symbol,
    [property: Id(1)] TradeSide PositionSide,
    [property: Id(2)] decimal Quantity,
    [property: Id(3)] decimal Distance,
    [property: Id(4)] decimal Step,
    [property: Id(5)] Actor By,
    [property: Id(6)] long? PositionTicket = null,
    [property: Id(7)] string? StrategyId = null);

/// <summary>State: "Armed", "Triggered" (Exit is the order placed), "Disarmed" or "Refused" (RefusalCode says why).</summary>
[GenerateSerializer, Immutable, Alias("plan2.trailing-stop")]
public sealed record TrailingStopView(
    [property: Id(0)] string State,
    [property: Id(1)] decimal? StopPrice,
    [property: Id(2)] ArmTrailingStop? Request,
    [property: Id(3)] OrderOutcome? Exit = null,
    [property: Id(4)] string? RefusalCode = null,
    [property: Id(5)] string? Message = null);
