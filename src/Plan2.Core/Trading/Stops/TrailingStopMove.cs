namespace Plan2.Core.Trading.Stops;

/// <summary>What a quote did to a trailing stop.</summary>
public enum TrailingStopMove : byte
{
    /// <summary>The stop stayed where it was.</summary>
    Held = 0,
    /// <summary>The market moved in the position's favour and the stop followed.</summary>
    Ratcheted,
    /// <summary>The market reached the stop: exit now with <see cref="TrailingStop.ExitOrder"/>.</summary>
    Triggered,
}
