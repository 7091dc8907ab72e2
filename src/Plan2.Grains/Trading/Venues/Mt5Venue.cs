using Plan2.Abstractions.Trading;
using Plan2.Core.MarketData;
using Plan2.Core.Trading.Orders;

namespace Plan2.Grains.Trading.Venues;

/// <summary>
/// The MT5 route: an order goes to its account's terminal through the silo where the terminal is connected
/// (<see cref="IMt5TerminalRoute"/>); the EA places it with OrderSend and its ORDER_RESULT becomes Accepted
/// (the ticket is the venue order id) or Rejected (with the retcode). Fills are never taken from the result:
/// they come only as deals (FILL frames, reconciliation), each applied once by its deal ticket. An order
/// whose sending cannot be confirmed stays Submitted until a late result, a deal or reconciliation decides.
/// Cancel and replace go to the terminal too (protocol v4): the order follows its answer (Mt5Venue.Requests.cs).
/// </summary>
public sealed partial class Mt5Venue(string terminalId, IGrainFactory grains) : IOrderVenue
{
    public string Name => Mt5Link.RoutePrefix + terminalId;

    public bool IsSimulated => false;

    public async ValueTask<IReadOnlyList<OrderEvent>> SubmitAsync(Order order, Tick? quote, DateTimeOffset now)
    {
        var status = await grains.GetGrain<IMt5TerminalGrain>(terminalId).GetStatusAsync();
        if (Refusal(order, status) is { } refusal)
            return [new OrderRejected(order.OrderId, now, refusal)];
        var pending = order.Type != OrderType.Market;
        var request = new Mt5OrderRequest(terminalId, order.ClientOrderId, order.Symbol, (TradeSide)order.Side, (TradeOrderType)order.Type,
            order.Quantity, (order.Type is OrderType.Stop or OrderType.StopLimit ? order.TriggerPrice : order.LimitPrice)?.ToDecimal(),
            // A market order fills or fails now: its DAY or GTD means nothing, only IOC and FOK change how it fills.
            pending || order.Request.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok ? (TradeTimeInForce)order.Request.TimeInForce : TradeTimeInForce.Gtc,
            order.Type == OrderType.StopLimit ? order.LimitPrice?.ToDecimal() : null,
            pending && order.Request.TimeInForce == TimeInForce.Gtd ? order.ExpiresAt : null);
        var answer = await AskAsync(() => status.Route!.SendOrderAsync(request)); // Unknown when the connection's silo went mid-call
        return answer.Outcome switch
        {
            Mt5SendOutcome.Accepted => [new OrderAccepted(order.OrderId, now, answer.VenueOrderId)],
            Mt5SendOutcome.Rejected => [new OrderRejected(order.OrderId, now, RetcodeReason(answer))],
            Mt5SendOutcome.NotConnected => [new OrderRejected(order.OrderId, now, $"Terminal '{terminalId}' is not connected; the order was not sent.")],
            _ => [],
        };
    }

    /// <summary>Why this order cannot go to this terminal now; null when it can.</summary>
    private string? Refusal(Order order, Mt5TerminalStatus status)
    {
        if (status.Problem is { } problem)
            return problem;
        if (status.Account is not { } account || !account.EndsWith("/" + order.AccountId, StringComparison.Ordinal))
            return $"Terminal '{terminalId}' trades account '{status.Account}', not '{order.AccountId}'.";
        if (status.Route is null)
            return $"Terminal '{terminalId}' is not connected; the order was not sent.";
        if (order.Type != OrderType.Market && order.Request.TimeInForce is TimeInForce.Ioc or TimeInForce.Fok)
            return $"The MT5 route takes IOC and FOK on market orders only (ORDER_FILLING_*); a resting {order.Type} order cannot be {order.Request.TimeInForce}.";
        return null;
    }

    private static string RetcodeReason(Mt5OrderAnswer answer) =>
        answer.Retcode == 0 ? answer.Message : $"MT5 retcode {answer.Retcode}: {answer.Message}".Trim();
}
