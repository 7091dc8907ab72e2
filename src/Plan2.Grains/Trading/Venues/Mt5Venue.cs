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
/// Protocol v3 has no cancel or modify: both are refused with a reason, and the order stays as it was.
/// </summary>
public sealed class Mt5Venue(string terminalId, IGrainFactory grains) : IOrderVenue
{
    public string Name => Mt5Link.RoutePrefix + terminalId;

    public bool IsSimulated => false;

    public async ValueTask<IReadOnlyList<OrderEvent>> SubmitAsync(Order order, Tick? quote, DateTimeOffset now)
    {
        var status = await grains.GetGrain<IMt5TerminalGrain>(terminalId).GetStatusAsync();
        if (Refusal(order, status) is { } refusal)
            return [new OrderRejected(order.OrderId, now, refusal)];
        var request = new Mt5OrderRequest(terminalId, order.ClientOrderId, order.Symbol, (TradeSide)order.Side, (TradeOrderType)order.Type,
            order.Quantity, (order.Type == OrderType.Stop ? order.TriggerPrice : order.LimitPrice)?.ToDecimal());
        Mt5OrderAnswer answer;
        try
        {
            answer = await status.Route!.SendOrderAsync(request);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The silo holding the connection may have gone mid-call: whether the EA got it is unknown.
            answer = new Mt5OrderAnswer(Mt5SendOutcome.Unknown, 0, "", ex.Message);
        }
        return answer.Outcome switch
        {
            Mt5SendOutcome.Accepted => [new OrderAccepted(order.OrderId, now, answer.VenueOrderId)],
            Mt5SendOutcome.Rejected => [new OrderRejected(order.OrderId, now, $"MT5 retcode {answer.Retcode}: {answer.Message}".Trim())],
            Mt5SendOutcome.NotConnected => [new OrderRejected(order.OrderId, now, $"Terminal '{terminalId}' is not connected; the order was not sent.")],
            _ => [],
        };
    }

    public ValueTask<IReadOnlyList<OrderEvent>> CancelAsync(Order order, DateTimeOffset now) =>
        ValueTask.FromResult<IReadOnlyList<OrderEvent>>([new OrderCancelRejected(order.OrderId, now,
            "The MT5 route cannot cancel yet (protocol v3): cancel it in the terminal; the next reconciliation closes it here.")]);

    public ValueTask<IReadOnlyList<OrderEvent>> ReplaceAsync(Order order, OrderUpdateRequested change, Tick? quote, DateTimeOffset now) =>
        ValueTask.FromResult<IReadOnlyList<OrderEvent>>([new OrderUpdateRejected(order.OrderId, now,
            "The MT5 route cannot modify orders yet (protocol v3).")]);

    /// <summary>Why this order cannot go to this terminal now; null when it can.</summary>
    private string? Refusal(Order order, Mt5TerminalStatus status)
    {
        if (status.Problem is { } problem)
            return problem;
        if (status.Account is not { } account || !account.EndsWith("/" + order.AccountId, StringComparison.Ordinal))
            return $"Terminal '{terminalId}' trades account '{status.Account}', not '{order.AccountId}'.";
        if (status.Route is null)
            return $"Terminal '{terminalId}' is not connected; the order was not sent.";
        if (order.Type == OrderType.StopLimit)
            return "The MT5 route places market, limit and stop orders; stop-limit is not supported (protocol v3).";
        if (order.Type != OrderType.Market && order.Request.TimeInForce != TimeInForce.Gtc)
            return $"The MT5 route places pending orders GTC only, not {order.Request.TimeInForce} (protocol v3).";
        return null;
    }
}
