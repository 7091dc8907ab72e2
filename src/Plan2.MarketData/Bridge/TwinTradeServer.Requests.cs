namespace Plan2.MarketData.Bridge;

// Version 4 at the twin's trade server: CANCEL and MODIFY as OrderSend(TRADE_ACTION_REMOVE / MODIFY) answers them,
// and what happens to pending orders there on its own: a stop-limit triggers, a DAY or GTD order expires.
public sealed partial class TwinTradeServer
{
    /// <summary>"Order not found": what a cancel or modify of an order that just filled or went gets (any non-done retcode refuses).</summary>
    public const string NoSuchOrder = "order not found: it is no longer pending";

    /// <summary>TRADE_ACTION_REMOVE: done, then the order's ORDER_EVENT (canceled) as HISTORY_ADD reports it; refused when it is not pending.</summary>
    public (RequestResultMessage Result, OrderEventMessage? Event) Remove(CancelCommand cancel)
    {
        lock (_gate)
        {
            if (!_orders.TryGetValue(cancel.OrderTicket, out var pending))
                return (new RequestResultMessage(BridgeRequestAction.Cancel, Mt5Retcode.Invalid, cancel.OrderTicket, cancel.ClientOrderId, NoSuchOrder), null);
            _orders.Remove(pending.Ticket);
            return (new RequestResultMessage(BridgeRequestAction.Cancel, Mt5Retcode.Done, pending.Ticket, cancel.ClientOrderId, "done"),
                Event(BridgeOrderEventKind.Canceled, pending, "canceled on request"));
        }
    }

    /// <summary>TRADE_ACTION_MODIFY: the pending order takes the new prices and expiry; refused when it is not pending.</summary>
    public RequestResultMessage Modify(ModifyCommand modify)
    {
        lock (_gate)
        {
            if (!_orders.TryGetValue(modify.OrderTicket, out var pending))
                return new RequestResultMessage(BridgeRequestAction.Modify, Mt5Retcode.Invalid, modify.OrderTicket, modify.ClientOrderId, NoSuchOrder);
            if (modify.Validate() is { Count: > 0 } errors)
                return new RequestResultMessage(BridgeRequestAction.Modify, Mt5Retcode.Invalid, modify.OrderTicket, modify.ClientOrderId, string.Join("; ", errors));
            pending.Command = pending.Command with
            {
                Price = modify.Price,
                StopLimitPrice = pending.Command.OrderType == BridgeOrderType.StopLimit ? modify.StopLimitPrice : default,
                StopLoss = modify.StopLoss, TakeProfit = modify.TakeProfit, TimeInForce = modify.TimeInForce, ExpirationMs = modify.ExpirationMs,
            };
            return new RequestResultMessage(BridgeRequestAction.Modify, Mt5Retcode.Done, pending.Ticket, modify.ClientOrderId, "done");
        }
    }

    /// <summary>A stop-limit's stop price was reached: it rests as a limit order at its stop-limit price, same ticket.</summary>
    public OrderEventMessage Trigger(string clientOrderId)
    {
        lock (_gate)
        {
            var pending = _orders.Values.Single(o => o.Command.ClientOrderId == clientOrderId);
            if (pending.Command.OrderType != BridgeOrderType.StopLimit)
                throw new InvalidOperationException($"Order '{clientOrderId}' is a {pending.Command.OrderType} order; only a stop-limit triggers into a limit.");
            pending.Command = pending.Command with { OrderType = BridgeOrderType.Limit, Price = pending.Command.StopLimitPrice, StopLimitPrice = default };
            return Event(BridgeOrderEventKind.Triggered, pending, "stop reached: now a limit order");
        }
    }

    /// <summary>A DAY or GTD order reached its expiry (ORDER_STATE_EXPIRED): gone, nothing filled of what was left.</summary>
    public OrderEventMessage Expire(string clientOrderId)
    {
        lock (_gate)
        {
            var pending = _orders.Values.Single(o => o.Command.ClientOrderId == clientOrderId);
            if (pending.Command.TimeInForce is not (BridgeTimeInForce.Day or BridgeTimeInForce.Gtd))
                throw new InvalidOperationException($"Order '{clientOrderId}' is {pending.Command.TimeInForce}; only DAY and GTD orders expire.");
            _orders.Remove(pending.Ticket);
            return Event(BridgeOrderEventKind.Expired, pending, pending.Command.TimeInForce == BridgeTimeInForce.Day ? "end of the trading day" : "its GTD expiry");
        }
    }
}
