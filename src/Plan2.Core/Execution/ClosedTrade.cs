using Plan2.Core.Strategies;
using Plan2.Core.Trading.Positions;

namespace Plan2.Core.Execution;

/// <summary>
/// One position from open to close, money in account currency: gross P&amp;L at the fill prices,
/// commission of every fill that touched it, swap it paid or earned, and the net of the three.
/// </summary>
public sealed record ClosedTrade(
    long Ticket,
    string Symbol,
    PositionSide Side,
    decimal Lots,
    DateTimeOffset OpenedAt,
    decimal EntryPrice,
    DateTimeOffset ClosedAt,
    decimal ExitPrice,
    decimal GrossPnl,
    decimal Commission,
    decimal Swap,
    TargetReason ExitReason)
{
    public decimal NetPnl => GrossPnl + Swap - Commission;

    public static ClosedTrade From(Position p, TargetReason reason) =>
        new(p.Ticket, p.Symbol, p.Side, p.ClosedQuantity, p.OpenedAt, p.AveragePrice, p.ClosedAt ?? p.OpenedAt, p.AverageClosePrice,
            p.RealizedPnl, p.Commission, p.Swap, reason);
}
