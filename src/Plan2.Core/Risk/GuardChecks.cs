using Plan2.Core.Trading.Orders;

namespace Plan2.Core.Risk;

/// <summary>Stops that hold regardless of the order: kill switches and drawdown halts.</summary>
public static class GuardChecks
{
    public static RiskDecision KillSwitch(OrderRequest order, in RiskContext context)
    {
        var switches = context.KillSwitches;
        if (switches.Platform)
            return RiskDecision.Denied(RiskReason.PlatformKillSwitch, "Trading is stopped for the whole platform.");
        if (switches.Tenant)
            return RiskDecision.Denied(RiskReason.TenantKillSwitch, "Trading is stopped for this tenant.");
        if (switches.Account)
            return RiskDecision.Denied(RiskReason.AccountKillSwitch, $"Trading is stopped for account '{order.AccountId}'.");
        return RiskDecision.Approved;
    }

    /// <summary>A halted strategy, or one past its drawdown, may only close what it holds.</summary>
    public static RiskDecision StrategyDrawdown(OrderRequest order, in RiskContext context)
    {
        if (order.StrategyId is null || RiskEngine.IsClosing(order))
            return RiskDecision.Approved;
        var s = context.Strategy;
        if (s.Halted)
            return RiskDecision.Denied(RiskReason.StrategyHalted, $"Strategy '{order.StrategyId}' is halted by its drawdown guard.");
        if (DrawdownGuard.IsBreached(s.Equity, s.HighWaterMark, context.Limits.MaxStrategyDrawdown))
            return RiskDecision.Denied(RiskReason.StrategyHalted,
                $"Strategy '{order.StrategyId}' is down {DrawdownGuard.Drawdown(s.Equity, s.HighWaterMark):P2} from its high of {s.HighWaterMark}, past its limit of {context.Limits.MaxStrategyDrawdown:P2}.");
        return RiskDecision.Approved;
    }

    public static RiskDecision AccountDrawdown(OrderRequest order, in RiskContext context)
    {
        var a = context.Account;
        if (RiskEngine.IsClosing(order) || !DrawdownGuard.IsBreached(a.Equity, a.EquityHighWaterMark, context.Limits.MaxAccountDrawdown))
            return RiskDecision.Approved;
        return RiskDecision.Denied(RiskReason.AccountDrawdown,
            $"Account equity {a.Equity} is down {DrawdownGuard.Drawdown(a.Equity, a.EquityHighWaterMark):P2} from its high of {a.EquityHighWaterMark}, past the limit of {context.Limits.MaxAccountDrawdown:P2}.");
    }
}
