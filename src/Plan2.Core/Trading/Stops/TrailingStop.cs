using Plan2.Core.MarketData;
using Plan2.Core.Trading.Instruments;
using Plan2.Core.Trading.Orders;
using Plan2.Core.Trading.Positions;

namespace Plan2.Core.Trading.Stops;

/// <summary>
/// A trailing stop we hold ourselves rather than at the venue (MT5 trails only while the terminal
/// runs, and other venues not at all). It sits <see cref="Distance"/> behind the best closing price
/// seen (the bid for a long, the ask for a short), moves only in the position's favour and only by
/// at least <see cref="Step"/>, and triggers when the closing price reaches it; the exit is a
/// reduce-only market order for the whole quantity.
/// </summary>
public sealed class TrailingStop
{
    private TrailingStop(string symbol, PositionSide side, decimal quantity, Price distance, Price step, Price stop, long? ticket)
    {
        Symbol = symbol;
        Side = side;
        Quantity = quantity;
        Distance = distance;
        Step = step;
        StopPrice = stop;
        PositionTicket = ticket;
    }

    public string Symbol { get; }
    public PositionSide Side { get; }
    public decimal Quantity { get; }
    public Price Distance { get; }
    public Price Step { get; }
    public long? PositionTicket { get; }
    public Price StopPrice { get; private set; }
    public bool IsTriggered { get; private set; }

    /// <summary>
    /// A stop <paramref name="distance"/> away from <paramref name="reference"/> (the entry price or the
    /// current closing price). Distance and step must be on the instrument's tick; step may be zero.
    /// </summary>
    public static OrderResult TryCreate(Instrument instrument, PositionSide side, decimal quantity, Price reference, Price distance, Price step,
        long? positionTicket, out TrailingStop? stop)
    {
        stop = null;
        if (quantity <= 0m)
            return OrderResult.Refused(OrderRefusalReason.NonPositiveQuantity, $"Trailing stop quantity must be positive, not {quantity}.");
        if (!distance.IsPositive || !reference.IsPositive || step.Units < 0)
            return OrderResult.Refused(OrderRefusalReason.NonPositivePrice, "Trailing distance and reference must be positive and the step not negative.");
        if (!instrument.IsOnTick(distance) || !instrument.IsOnTick(step) || !instrument.IsOnTick(reference))
            return OrderResult.Refused(OrderRefusalReason.PriceOffTick, $"Trailing distance, step and reference must be multiples of {instrument.Symbol}'s tick {instrument.TickSize}.");
        var initial = side == PositionSide.Long ? reference - distance : reference + distance;
        if (!initial.IsPositive)
            return OrderResult.Refused(OrderRefusalReason.NonPositivePrice, $"A distance of {distance} from {reference} puts the stop at or below zero.");
        stop = new TrailingStop(instrument.Symbol, side, quantity, distance, step, initial, positionTicket);
        return OrderResult.Ok;
    }

    /// <summary>
    /// A stop as its owner stored it, at the price it had reached (a grain's new activation): the same checks as
    /// <see cref="TryCreate"/>, from the closing price that would have put it there.
    /// </summary>
    public static OrderResult TryRestore(Instrument instrument, PositionSide side, decimal quantity, Price stopPrice, Price distance, Price step,
        long? positionTicket, out TrailingStop? stop) =>
        TryCreate(instrument, side, quantity, side == PositionSide.Long ? stopPrice + distance : stopPrice - distance, distance, step, positionTicket, out stop);

    public TrailingStopMove OnQuote(Tick quote)
    {
        if (IsTriggered)
            return TrailingStopMove.Held;
        if (Side == PositionSide.Long)
        {
            if (quote.Bid <= StopPrice)
                return Trigger();
            var candidate = quote.Bid - Distance;
            return candidate > StopPrice && (candidate - StopPrice) >= Step ? MoveTo(candidate) : TrailingStopMove.Held;
        }
        if (quote.Ask >= StopPrice)
            return Trigger();
        var shortCandidate = quote.Ask + Distance;
        return shortCandidate < StopPrice && (StopPrice - shortCandidate) >= Step ? MoveTo(shortCandidate) : TrailingStopMove.Held;
    }

    /// <summary>The market exit to send once triggered.</summary>
    public OrderRequest ExitOrder(string clientOrderId, string accountId, string? strategyId = null) => new()
    {
        ClientOrderId = clientOrderId,
        AccountId = accountId,
        StrategyId = strategyId,
        Symbol = Symbol,
        Side = Side.ClosingSide(),
        Type = OrderType.Market,
        Quantity = Quantity,
        TimeInForce = TimeInForce.Ioc,
        ReduceOnly = true,
        PositionTicket = PositionTicket,
    };

    private TrailingStopMove Trigger()
    {
        IsTriggered = true;
        return TrailingStopMove.Triggered;
    }

    private TrailingStopMove MoveTo(Price stop)
    {
        StopPrice = stop;
        return TrailingStopMove.Ratcheted;
    }
}
