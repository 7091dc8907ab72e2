using Plan2.Core.MarketData;

namespace Plan2.MarketData.Bridge;

/// <summary>
/// What the terminal reported about one of our orders: an ORDER_RESULT (accepted or rejected), a FILL, or
/// (version 4) an ORDER_EVENT (triggered, canceled, expired). Prices, volume and the deal's commission, swap
/// and fee (signed as MT5 reports them, account currency) are made exact here, once; a report with
/// non-finite numbers is refused.
/// </summary>
public sealed record ExecutionReport(
    ExecutionReportKind Kind,
    string TerminalId,
    string ClientOrderId,
    string Symbol,
    ulong OrderTicket,
    ulong DealTicket,
    uint Retcode,
    string Message,
    Price Price,
    decimal Volume,
    long TimeUnixMs,
    BridgeOrderSide? Side,
    decimal Commission = 0m,
    decimal Swap = 0m,
    decimal Fee = 0m)
{
    public static ExecutionReport? FromOrderResult(string terminalId, OrderResultMessage result, long receivedUnixMs)
    {
        if (Price.FromDouble(result.Price) is not { } price || ToVolume(result.Volume) is not { } volume)
            return null;
        var kind = Mt5Retcode.IsSuccess(result.Retcode) ? ExecutionReportKind.Accepted : ExecutionReportKind.Rejected;
        return new ExecutionReport(kind, terminalId, result.ClientOrderId, result.Symbol, result.OrderTicket, result.DealTicket,
            result.Retcode, result.Message, price, volume, receivedUnixMs, null);
    }

    public static ExecutionReport? FromFill(string terminalId, FillMessage fill)
    {
        if (Price.FromDouble(fill.Price) is not { } price || ToVolume(fill.Volume) is not { } volume || !Enum.IsDefined(fill.Side) || !IsTime(fill.TimeMs)
            || ToMoney(fill.Commission) is not { } commission || ToMoney(fill.Swap) is not { } swap || ToMoney(fill.Fee) is not { } fee)
            return null;
        return new ExecutionReport(ExecutionReportKind.Fill, terminalId, fill.ClientOrderId, fill.Symbol, fill.OrderTicket, fill.DealTicket,
            0, "", price, volume, fill.TimeMs, fill.Side, commission, swap, fee);
    }

    public static ExecutionReport? FromOrderEvent(string terminalId, OrderEventMessage e)
    {
        if (ToVolume(e.VolumeLeft) is not { } left || left < 0m || !IsTime(e.TimeMs))
            return null;
        var kind = e.Event switch
        {
            BridgeOrderEventKind.Triggered => ExecutionReportKind.Triggered,
            BridgeOrderEventKind.Canceled => ExecutionReportKind.Canceled,
            BridgeOrderEventKind.Expired => ExecutionReportKind.Expired,
            _ => (ExecutionReportKind?)null,
        };
        return kind is { } k
            ? new ExecutionReport(k, terminalId, e.ClientOrderId, e.Symbol, e.OrderTicket, 0, 0, e.Message, default, left, e.TimeMs, null)
            : null;
    }

    // Lots are decimal steps such as 0.01; rounding to 8 places undoes the double's representation error.
    internal static decimal? ToVolume(double value) =>
        double.IsFinite(value) && Math.Abs(value) < 1e15 ? Math.Round((decimal)value, 8) : null;

    // A time past what DateTimeOffset holds (a broken or hostile EA) would throw where the report is mapped, failing the whole
    // reconciliation of that snapshot on every reconnect. Zero or less means "not stamped": the server's time is used.
    private static readonly long MaxUnixMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    internal static bool IsTime(long unixMs) => unixMs <= MaxUnixMs;

    // Deal money is in the account currency's cents (or finer): rounding to 8 places undoes the double's error, as for lots.
    internal static decimal? ToMoney(double value) => ToVolume(value);
}
