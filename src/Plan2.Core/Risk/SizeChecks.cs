using Plan2.Core.Trading.Orders;

namespace Plan2.Core.Risk;

/// <summary>How big an order may be, alone and added to what the account already holds.</summary>
public static class SizeChecks
{
    /// <summary>A reduce-only order must shrink the net position: opposite side, no more than is held.</summary>
    public static RiskDecision ReduceOnly(OrderRequest order, in RiskContext context)
    {
        if (!order.ReduceOnly || order.PositionTicket is not null)
            return RiskDecision.Approved; // a ticketed close is checked against its ticket when booked
        var net = context.Account.NetPosition;
        var reduces = net != 0m && Math.Sign(net) != order.Side.Sign() && order.Quantity <= Math.Abs(net);
        return reduces
            ? RiskDecision.Approved
            : RiskDecision.Denied(RiskReason.ReduceOnlyWouldIncrease, $"Reduce-only {order.Side} of {order.Quantity} lots would not reduce the net position of {net} lots in {order.Symbol}.");
    }

    public static RiskDecision OrderSize(OrderRequest order, in RiskContext context) =>
        order.Quantity <= context.Limits.MaxOrderLots
            ? RiskDecision.Approved
            : RiskDecision.Denied(RiskReason.MaxOrderSize, $"Order of {order.Quantity} lots exceeds the limit of {context.Limits.MaxOrderLots} lots per order.");

    public static RiskDecision OrderNotional(OrderRequest order, in RiskContext context)
    {
        var notional = RiskEngine.NotionalInAccountCurrency(order, context);
        return notional <= context.Limits.MaxOrderNotional
            ? RiskDecision.Approved
            : RiskDecision.Denied(RiskReason.MaxOrderNotional, $"Order notional {notional:0.##} exceeds the limit of {context.Limits.MaxOrderNotional} per order.");
    }

    /// <summary>AI orders may be at most the size their confidence earns (see <see cref="ConfidenceSizer"/>).</summary>
    public static RiskDecision Confidence(OrderRequest order, in RiskContext context)
    {
        if (order.Confidence is not { } confidence || RiskEngine.IsClosing(order))
            return RiskDecision.Approved;
        if (ConfidenceSizer.IsClearlyWithin(order.Quantity, context.Limits.MaxOrderLots, confidence, context.Limits.ConfidenceFloor, context.Instrument))
            return RiskDecision.Approved;
        var allowed = ConfidenceSizer.ScaledLots(context.Limits.MaxOrderLots, confidence, context.Limits.ConfidenceFloor, context.Instrument);
        if (allowed == 0m)
            return RiskDecision.Denied(RiskReason.ConfidenceTooLow, $"Confidence {confidence:0.###} earns no size (floor {context.Limits.ConfidenceFloor:0.###}).");
        return order.Quantity <= allowed
            ? RiskDecision.Approved
            : RiskDecision.Denied(RiskReason.ConfidenceSizeExceeded, $"Confidence {confidence:0.###} allows at most {allowed} lots, not {order.Quantity}.");
    }

    public static RiskDecision Position(OrderRequest order, in RiskContext context)
    {
        if (RiskEngine.IsClosing(order))
            return RiskDecision.Approved;
        var after = context.Account.NetPosition + order.Side.Sign() * order.Quantity;
        // An order that leaves the position smaller than it was is always allowed: it takes risk off.
        if (Math.Abs(after) <= context.Limits.MaxPositionLots || Math.Abs(after) < Math.Abs(context.Account.NetPosition))
            return RiskDecision.Approved;
        return RiskDecision.Denied(RiskReason.MaxPosition, $"The {order.Symbol} position would be {after} lots, beyond the limit of {context.Limits.MaxPositionLots} lots.");
    }

    public static RiskDecision GrossExposure(OrderRequest order, in RiskContext context)
    {
        if (RiskEngine.IsClosing(order))
            return RiskDecision.Approved;
        var after = context.Account.GrossExposure + RiskEngine.NotionalInAccountCurrency(order, context);
        return after <= context.Limits.MaxGrossExposure
            ? RiskDecision.Approved
            : RiskDecision.Denied(RiskReason.MaxGrossExposure, $"Gross exposure would be {after:0.##}, beyond the limit of {context.Limits.MaxGrossExposure}.");
    }
}
