using Plan2.Core.Trading.Orders;

namespace Plan2.Core.Risk;

/// <summary>Limits on the account's activity: its day's loss, its working orders, its submit rate.</summary>
public static class AccountChecks
{
    public static RiskDecision DailyLoss(OrderRequest order, in RiskContext context)
    {
        if (RiskEngine.IsClosing(order) || context.Account.DayPnl > -context.Limits.MaxDailyLoss)
            return RiskDecision.Approved;
        return RiskDecision.Denied(RiskReason.MaxDailyLoss, $"Today's P&L {context.Account.DayPnl} has reached the daily loss limit of {context.Limits.MaxDailyLoss}.");
    }

    public static RiskDecision OpenOrders(OrderRequest order, in RiskContext context) =>
        context.Account.OpenOrders < context.Limits.MaxOpenOrders
            ? RiskDecision.Approved
            : RiskDecision.Denied(RiskReason.MaxOpenOrders, $"Account '{order.AccountId}' already has {context.Account.OpenOrders} open orders; the limit is {context.Limits.MaxOpenOrders}.");

    public static RiskDecision SubmitRate(OrderRequest order, in RiskContext context)
    {
        var limits = context.Limits;
        return context.SubmitWindow.WouldExceed(context.Now, limits.MaxSubmitsPerWindow, limits.SubmitWindow)
            ? RiskDecision.Denied(RiskReason.SubmitRate, $"Account '{order.AccountId}' has sent {limits.MaxSubmitsPerWindow} orders in the last {limits.SubmitWindow.TotalSeconds:0.###} s, its limit.")
            : RiskDecision.Approved;
    }
}
