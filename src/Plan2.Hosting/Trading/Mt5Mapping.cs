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
        ExecutionReportKind.Canceled => new VenueReport(VenueReportKind.Canceled, r.ClientOrderId, Ticket(r.OrderTicket), At(r.TimeUnixMs, now), r.Symbol,
            Reason: Describe("canceled at the terminal", r)),
        ExecutionReportKind.Expired => new VenueReport(VenueReportKind.Expired, r.ClientOrderId, Ticket(r.OrderTicket), At(r.TimeUnixMs, now), r.Symbol,
            Reason: Describe("expired at the terminal", r)),
        ExecutionReportKind.Triggered => new VenueReport(VenueReportKind.Triggered, r.ClientOrderId, Ticket(r.OrderTicket), At(r.TimeUnixMs, now), r.Symbol,
            Reason: Describe("stop-limit triggered at the terminal", r)),
        _ => new VenueReport(VenueReportKind.Fill, r.ClientOrderId, Ticket(r.OrderTicket), At(r.TimeUnixMs, now), r.Symbol,
            TradeId: r.DealTicket.ToString(System.Globalization.CultureInfo.InvariantCulture), Quantity: r.Volume, Price: r.Price.ToDecimal(),
            Side: r.Side == BridgeOrderSide.Sell ? TradeSide.Sell : TradeSide.Buy, Commission: CommissionCharge(r), Swap: r.Swap),
    };

    /// <summary>
    /// MT5 reports DEAL_COMMISSION and DEAL_FEE signed, a charge negative; the platform books their sum as one charge,
    /// so a net credit (a commission rebate) is a negative charge and adds to realised P&amp;L, exactly as a charge takes from it.
    /// </summary>
    public static decimal CommissionCharge(ExecutionReport r) => -(r.Commission + r.Fee);

    private static string Describe(string what, ExecutionReport r) => r.Message.Length > 0 ? $"{what}: {r.Message}" : what;

    public static TerminalSnapshotView ToView(this TradeSnapshot s, DateTimeOffset now, IReadOnlyList<string>? sentSinceAsked = null,
        DateTimeOffset? askedAt = null) => new(
        s.TerminalId, s.Login, DateTimeOffset.FromUnixTimeMilliseconds(s.SinceMs), s.Truncated,
        s.Orders.Select(o => new TerminalOrderView(Ticket(o.Ticket), o.ClientOrderId, o.Symbol, Side(o.Side), o.VolumeCurrent,
            o.Price.IsPositive ? o.Price.ToDecimal() : null, OrderType(o.Type))).ToList(),
        s.Positions.Select(p => new TerminalPositionView(p.Symbol, Side(p.Side), p.Volume)).ToList(),
        s.Deals.Select(d => d.ToVenueReport(now)).ToList(), sentSinceAsked, askedAt);

    public static OrderCommand ToCommand(this Mt5OrderRequest o) => new(o.ClientOrderId, o.Symbol,
        o.Side == TradeSide.Sell ? BridgeOrderSide.Sell : BridgeOrderSide.Buy,
        o.Type switch
        {
            TradeOrderType.Limit => BridgeOrderType.Limit, TradeOrderType.Stop => BridgeOrderType.Stop,
            TradeOrderType.StopLimit => BridgeOrderType.StopLimit, _ => BridgeOrderType.Market,
        },
        o.Volume, ToPrice(o.Price), TimeInForce: (BridgeTimeInForce)o.TimeInForce, StopLimitPrice: ToPrice(o.StopLimitPrice),
        ExpirationMs: o.ExpireAt?.ToUnixTimeMilliseconds() ?? 0);

    public static ModifyCommand ToCommand(this Mt5ModifyRequest m) => new(ParseTicket(m.VenueOrderId), m.ClientOrderId, m.Symbol,
        Plan2.Core.MarketData.Price.FromDecimal(m.Price), ToPrice(m.StopLimitPrice), TimeInForce: (BridgeTimeInForce)m.TimeInForce,
        ExpirationMs: m.ExpireAt?.ToUnixTimeMilliseconds() ?? 0);

    /// <summary>An MT5 ticket as the platform keeps it (decimal text); 0, which the bridge refuses, when it is not one.</summary>
    public static ulong ParseTicket(string venueOrderId) =>
        ulong.TryParse(venueOrderId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : 0;

    private static Plan2.Core.MarketData.Price ToPrice(decimal? value) => value is { } v ? Plan2.Core.MarketData.Price.FromDecimal(v) : default;

    private static TradeOrderType OrderType(BridgeOrderType type) => type switch
    {
        BridgeOrderType.Limit => TradeOrderType.Limit, BridgeOrderType.Stop => TradeOrderType.Stop,
        BridgeOrderType.StopLimit => TradeOrderType.StopLimit, _ => TradeOrderType.Market,
    };

    private static TradeSide Side(BridgeOrderSide side) => side == BridgeOrderSide.Sell ? TradeSide.Sell : TradeSide.Buy;

    private static string Ticket(ulong ticket) => ticket == 0 ? "" : ticket.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset At(long unixMs, DateTimeOffset now) => unixMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(unixMs) : now;
}
