using Plan2.Abstractions.Trading;
using Plan2.MarketData.Bridge;

namespace Plan2.Hosting.Trading;

/// <summary>Bridge reports (wire terms, exact already) to the venue reports the trading grains take.</summary>
internal static class Mt5Mapping
{
    public static VenueReport ToVenueReport(this ExecutionReport r, DateTimeOffset now) => r.Kind switch
    {
        ExecutionReportKind.Accepted => new VenueReport(VenueReportKind.Accepted, r.ClientOrderId, Ticket(r.OrderTicket), At(r.TimeUnixMs, now), r.Symbol),
        ExecutionReportKind.Rejected => new VenueReport(VenueReportKind.Rejected, r.ClientOrderId, Ticket(r.OrderTicket), At(r.TimeUnixMs, now), r.Symbol,
            Reason: $"MT5 retcode {r.Retcode}: {r.Message}".Trim()),
        _ => new VenueReport(VenueReportKind.Fill, r.ClientOrderId, Ticket(r.OrderTicket), At(r.TimeUnixMs, now), r.Symbol,
            TradeId: r.DealTicket.ToString(System.Globalization.CultureInfo.InvariantCulture), Quantity: r.Volume, Price: r.Price.ToDecimal(),
            Side: r.Side == BridgeOrderSide.Sell ? TradeSide.Sell : TradeSide.Buy),
    };

    public static TerminalSnapshotView ToView(this TradeSnapshot s, DateTimeOffset now) => new(
        s.TerminalId, s.Login, DateTimeOffset.FromUnixTimeMilliseconds(s.SinceMs), s.Truncated,
        s.Orders.Select(o => new TerminalOrderView(Ticket(o.Ticket), o.ClientOrderId, o.Symbol, Side(o.Side), o.VolumeCurrent)).ToList(),
        s.Positions.Select(p => new TerminalPositionView(p.Symbol, Side(p.Side), p.Volume)).ToList(),
        s.Deals.Select(d => d.ToVenueReport(now)).ToList());

    private static TradeSide Side(BridgeOrderSide side) => side == BridgeOrderSide.Sell ? TradeSide.Sell : TradeSide.Buy;

    private static string Ticket(ulong ticket) => ticket == 0 ? "" : ticket.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset At(long unixMs, DateTimeOffset now) => unixMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(unixMs) : now;
}
