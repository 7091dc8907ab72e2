using Plan2.Abstractions.Trading;
using Plan2.Core.MarketData;
using Plan2.Core.Trading.Orders;

namespace Plan2.Grains.Trading.Venues;

// Cancel and replace of an order resting at the terminal (protocol v4): CANCEL and MODIFY, and the order follows
// the answer. A cancel whose answer cannot come (not connected, no answer in time) leaves it PendingCancel for the
// next ORDER_EVENT or reconciliation; a modify that cannot be confirmed is refused here and the order keeps the terms
// known here, though an unanswered MODIFY may still have changed them at the terminal (reconciliation compares no terms).
public sealed partial class Mt5Venue
{
    public async ValueTask<IReadOnlyList<OrderEvent>> CancelAsync(Order order, DateTimeOffset now)
    {
        if (order.VenueOrderId is not { Length: > 0 } ticket)
            return [new OrderCancelRejected(order.OrderId, now, "The terminal has not confirmed this order yet (no ticket): nothing to cancel there.")];
        var status = await grains.GetGrain<IMt5TerminalGrain>(terminalId).GetStatusAsync();
        if (status.Problem is { } problem)
            return [new OrderCancelRejected(order.OrderId, now, problem)];
        if (status.Route is null)
            return []; // the terminal is away: PendingCancel until it reconnects and reconciliation sends the cancel again
        var answer = await AskAsync(() => status.Route.CancelOrderAsync(new Mt5CancelRequest(terminalId, order.ClientOrderId, order.Symbol, ticket)));
        return answer.Outcome switch
        {
            Mt5SendOutcome.Accepted => [new OrderCanceled(order.OrderId, now)],
            Mt5SendOutcome.Rejected => [new OrderCancelRejected(order.OrderId, now, RetcodeReason(answer))],
            _ => [],
        };
    }

    public async ValueTask<IReadOnlyList<OrderEvent>> ReplaceAsync(Order order, OrderUpdateRequested change, Tick? quote, DateTimeOffset now)
    {
        if (ReplaceRefusal(order, change) is { } refusal)
            return [new OrderUpdateRejected(order.OrderId, now, refusal)];
        var status = await grains.GetGrain<IMt5TerminalGrain>(terminalId).GetStatusAsync();
        if (status.Problem is { } problem)
            return [new OrderUpdateRejected(order.OrderId, now, problem)];
        if (status.Route is null)
            return [new OrderUpdateRejected(order.OrderId, now, $"Terminal '{terminalId}' is not connected; the replace was not sent.")];
        var limit = change.LimitPrice ?? order.LimitPrice;
        var trigger = change.TriggerPrice ?? order.TriggerPrice;
        // A stop-limit that triggered rests as a plain limit at the terminal: its price is the limit then.
        var stopLimitWaiting = order.Type == OrderType.StopLimit && !order.IsTriggered;
        var price = order.Type == OrderType.Stop || stopLimitWaiting ? trigger : limit;
        var request = new Mt5ModifyRequest(terminalId, order.ClientOrderId, order.Symbol, order.VenueOrderId!, price!.Value.ToDecimal(),
            stopLimitWaiting ? limit?.ToDecimal() : null, (TradeTimeInForce)order.Request.TimeInForce,
            order.Request.TimeInForce == TimeInForce.Gtd ? order.ExpiresAt : null);
        var answer = await AskAsync(() => status.Route.ModifyOrderAsync(request));
        return answer.Outcome switch
        {
            Mt5SendOutcome.Accepted => [new OrderUpdated(order.OrderId, now, change.Quantity, change.LimitPrice, change.TriggerPrice)],
            Mt5SendOutcome.Rejected => [new OrderUpdateRejected(order.OrderId, now, RetcodeReason(answer))],
            Mt5SendOutcome.NotConnected => [new OrderUpdateRejected(order.OrderId, now, $"Terminal '{terminalId}' is not connected; the replace was not sent.")],
            _ => [new OrderUpdateRejected(order.OrderId, now,
                $"No answer from terminal '{terminalId}' ({answer.Message}): the replace may or may not have reached it; the order keeps the terms known here.")],
        };
    }

    /// <summary>What MT5 cannot do to a pending order; null when the replace can be sent.</summary>
    private static string? ReplaceRefusal(Order order, OrderUpdateRequested change)
    {
        if (change.Quantity is { } quantity && quantity != order.Quantity)
            return "MT5 cannot change the volume of a pending order (TRADE_ACTION_MODIFY has none): cancel it and place a new one.";
        if (order.VenueOrderId is not { Length: > 0 })
            return "The terminal has not confirmed this order yet (no ticket): nothing to modify there.";
        if (order.IsTriggered && change.TriggerPrice is not null)
            return "The stop-limit has triggered and rests as a limit order at the terminal: its stop price is gone.";
        return null;
    }

    /// <summary>The terminal's answer, or Unknown when the call itself failed: whether the EA got the request is then unknown.</summary>
    private static async Task<Mt5OrderAnswer> AskAsync(Func<Task<Mt5OrderAnswer>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new Mt5OrderAnswer(Mt5SendOutcome.Unknown, 0, "", ex.Message); // the silo holding the connection went mid-call
        }
    }
}
