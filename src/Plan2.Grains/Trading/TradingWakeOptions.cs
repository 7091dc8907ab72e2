namespace Plan2.Grains.Trading;

/// <summary>
/// How often a grain that holds live orders without a caller (a paper book with resting orders, an armed
/// trailing stop) is woken by its reminder: after its silo goes, nothing else would activate it. A
/// reminder period, so at least the silo's minimum reminder period (Orleans: 1 minute by default).
/// </summary>
public sealed record TradingWakeOptions
{
    public TimeSpan WakeEvery { get; init; } = TimeSpan.FromMinutes(1);
}
