using Plan2.Core.MarketData;

namespace Plan2.MarketData.Bridge;

// A TRADE_SNAPSHOT made exact, as the sink receives it: kept together because the three are read as a set.

/// <summary>
/// What the terminal holds after a reconnect: its login, pending orders, open positions and deals since
/// <see cref="SinceMs"/> (as Fill reports). One entry with a non-finite number or unknown side makes the
/// whole snapshot invalid: reconciling from part of the truth would be worse than waiting for the next.
/// </summary>
public sealed record TradeSnapshot(string TerminalId, ulong Login, long SinceMs, bool Truncated,
    IReadOnlyList<TerminalOrder> Orders, IReadOnlyList<TerminalPosition> Positions, IReadOnlyList<ExecutionReport> Deals)
{
    public static TradeSnapshot? From(string terminalId, TradeSnapshotMessage m)
    {
        var orders = new List<TerminalOrder>(m.Orders.Count);
        foreach (var o in m.Orders)
        {
            if (ExecutionReport.ToVolume(o.VolumeInitial) is not { } initial || ExecutionReport.ToVolume(o.VolumeCurrent) is not { } current
                || Price.FromDouble(o.Price) is not { } price || !Enum.IsDefined(o.Side) || !Enum.IsDefined(o.OrderType))
                return null;
            orders.Add(new TerminalOrder(o.OrderTicket, o.ClientOrderId, o.Symbol, o.Side, o.OrderType, initial, current, price));
        }
        var positions = new List<TerminalPosition>(m.Positions.Count);
        foreach (var p in m.Positions)
        {
            if (ExecutionReport.ToVolume(p.Volume) is not { } volume || Price.FromDouble(p.PriceOpen) is not { } price || !Enum.IsDefined(p.Side))
                return null;
            positions.Add(new TerminalPosition(p.PositionTicket, p.Symbol, p.Side, volume, price));
        }
        var deals = new List<ExecutionReport>(m.Deals.Count);
        foreach (var d in m.Deals)
        {
            if (ExecutionReport.FromFill(terminalId, d) is not { } deal)
                return null;
            deals.Add(deal);
        }
        return new TradeSnapshot(terminalId, m.Login, m.SinceMs, m.Truncated, orders, positions, deals);
    }
}

/// <summary>A pending order at the terminal; <see cref="VolumeCurrent"/> is what is left to fill.</summary>
public sealed record TerminalOrder(ulong Ticket, string ClientOrderId, string Symbol, BridgeOrderSide Side, BridgeOrderType Type,
    decimal VolumeInitial, decimal VolumeCurrent, Price Price);

/// <summary>An open position at the terminal (one per symbol on a netting account, one per ticket when hedging).</summary>
public sealed record TerminalPosition(ulong Ticket, string Symbol, BridgeOrderSide Side, decimal Volume, Price PriceOpen);
