using Plan2.Core.Trading.Orders;

namespace Plan2.Core.Risk;

/// <summary>One small pure pre-trade check: approve, or deny with a reason. No side effects.</summary>
public delegate RiskDecision RiskCheck(OrderRequest order, in RiskContext context);
