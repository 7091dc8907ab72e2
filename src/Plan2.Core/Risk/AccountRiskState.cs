namespace Plan2.Core.Risk;

/// <summary>
/// What risk needs to know about the account at the moment of the order, in account currency.
/// <see cref="NetPosition"/> is the signed lots already held in the order's symbol (long positive).
/// <see cref="DayPnl"/> is realised plus unrealised P&amp;L since the trading day began.
/// </summary>
public readonly record struct AccountRiskState(
    decimal NetPosition,
    int OpenOrders,
    decimal GrossExposure,
    decimal DayPnl,
    decimal Equity,
    decimal EquityHighWaterMark);
