namespace Plan2.Core.Trading.Positions;

/// <summary>The two ways MT5 accounts hold positions.</summary>
public enum AccountMode : byte
{
    /// <summary>One position per symbol; every fill adds to or nets against it, and may reverse it.</summary>
    Netting = 1,
    /// <summary>Every opening fill is its own position (ticket); a close names the ticket it closes.</summary>
    Hedging = 2,
}
