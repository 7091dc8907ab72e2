using System.Globalization;
using Plan2.Abstractions.Telegram;
using Plan2.Abstractions.Trading;

namespace Plan2.Grains.Telegram;

/// <summary>Which notification an order change makes, and its text.</summary>
public static class OrderNotices
{
    /// <summary>Fills (whole or partial) and venue rejections are trading news; a risk denial is a risk alert; the rest is quiet.</summary>
    public static NotificationKind? KindOf(OrderView order) => order.State switch
    {
        OrderState.Filled or OrderState.PartiallyFilled when order.Fills.Count > 0 => NotificationKind.Fills,
        OrderState.Rejected => NotificationKind.Rejections,
        OrderState.Denied => NotificationKind.RiskAlerts,
        _ => null,
    };

    public static string Describe(OrderView o)
    {
        var side = o.Side == TradeSide.Buy ? "BUY" : "SELL";
        var who = o.StrategyId is { } s ? $" (strategy {s})" : "";
        return o.State switch
        {
            OrderState.Filled or OrderState.PartiallyFilled =>
                $"✅ {(o.State == OrderState.Filled ? "Filled" : "Partly filled")}: {side} {N(o.FilledQuantity)}/{N(o.Quantity)} {o.Symbol} at {N(o.AverageFillPrice ?? 0m)} on {o.AccountId}{who}",
            OrderState.Rejected => $"❌ Rejected: {side} {N(o.Quantity)} {o.Symbol} on {o.AccountId}{who}: {o.LastReason}",
            OrderState.Denied => $"⚠️ Risk refused {side} {N(o.Quantity)} {o.Symbol} on {o.AccountId}{who}: {o.LastReason}",
            _ => $"{side} {N(o.Quantity)} {o.Symbol}: {o.State}",
        };
    }

    private static string N(decimal value) => value.ToString("0.#####", CultureInfo.InvariantCulture);
}
