namespace Plan2.Core.Strategies;

/// <summary>Why a strategy's target last changed: recorded on every trade it closes.</summary>
public enum TargetReason : byte
{
    None = 0,
    /// <summary>A long or short signal opened, grew or reversed the target.</summary>
    Signal,
    /// <summary>The signal said flat (e.g. an indicator back at its mean).</summary>
    SignalFlat,
    /// <summary>Held for the configured number of bars without a fresh signal.</summary>
    HoldingTime,
    StopLoss,
    TakeProfit,
    /// <summary>The strategy was disabled while holding.</summary>
    Disabled,
    /// <summary>The history ended (backtest) or the owner closed everything by hand.</summary>
    EndOfData,
}
