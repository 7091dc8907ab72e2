using Plan2.Core.MarketData;
using Plan2.Core.Risk;
using Plan2.Core.Strategies;
using Plan2.Core.Trading.Instruments;
using Plan2.Core.Trading.Money;
using Plan2.Core.Trading.Orders;
using Plan2.Core.Trading.Positions;

namespace Plan2.Core.Execution;

// How a runner turns a change of target into orders: validation, risk, routing, booking.
public sealed partial class StrategyRunner
{
    /// <summary>
    /// Takes <paramref name="lots"/> off a holding of <paramref name="net"/>: one reduce-only order on a netting
    /// account; on a hedging account one order per ticket, oldest first, each naming the ticket it closes.
    /// </summary>
    private bool Close(decimal net, decimal lots, TargetReason reason)
    {
        var side = net > 0m ? OrderSide.Sell : OrderSide.Buy;
        if (_account.Book.Mode == AccountMode.Netting)
            return Place(side, lots, reduceOnly: true, reason);
        var mine = _account.Book.Open.Where(p => p.Symbol == _instrument.Symbol && p.StrategyId == _strategy.Id && p.Side.ClosingSide() == side)
            .OrderBy(p => p.Ticket).Select(p => (p.Ticket, p.Quantity)).ToList();
        foreach (var (ticket, quantity) in mine)
        {
            if (lots <= 0m)
                break;
            var part = Math.Min(quantity, lots);
            if (!Place(side, part, reduceOnly: true, reason, ticket))
                return false;
            lots -= part;
        }
        return true;
    }

    /// <summary>Validates, risk-checks and routes one market order; false when it was refused.</summary>
    private bool Place(OrderSide side, decimal lots, bool reduceOnly, TargetReason reason, long? ticket = null)
    {
        var id = $"{_strategy.Id}-{++_orderCount}";
        var request = new OrderRequest
        {
            ClientOrderId = id, AccountId = _account.AccountId, StrategyId = _strategy.Id, Symbol = _instrument.Symbol,
            Side = side, Quantity = lots, ReduceOnly = reduceOnly, Confidence = reduceOnly ? null : _strategy.Confidence, PositionTicket = ticket,
        };
        var now = _last.Time;
        var order = new Order(id, request, now);
        var valid = OrderRequestValidator.Validate(request, _catalog, now);
        var decision = valid.IsOk ? RiskEngine.EvaluateAndRecord(request, Context(now)) : RiskDecision.Approved;
        if (!valid.IsOk || !decision.IsApproved)
        {
            order.Apply(new OrderDenied(id, now, valid.IsOk ? decision.Message! : valid.Message!));
            var key = valid.IsOk ? decision.Reason.ToString() : valid.Reason.ToString();
            _refusals[key] = _refusals.GetValueOrDefault(key) + 1;
            return false;
        }
        order.Apply(new OrderSubmitted(id, now));
        _working.Add(id, order);
        _orderReasons.Add(id, reason);
        _route.Submit(order, now, _events);
        DrainEvents();
        return true;
    }

    private RiskContext Context(DateTimeOffset now)
    {
        _board.Set(_instrument.Symbol, _last);
        _account.Mark(_catalog, _board, _converter);
        PositionValuation.TryGrossExposure(_account.Book, _catalog, _board, _converter, out var exposure);
        _converter.TryGetRate(_instrument.QuoteCurrency, _account.Currency, out var rate);
        return new RiskContext
        {
            Limits = _account.Limits, Instrument = _instrument, SubmitWindow = _account.SubmitWindow, LastQuote = _last, Now = now,
            KillSwitches = _account.KillSwitches, QuoteToAccountRate = rate.Divisor == 0m ? 0m : rate.Value,
            Account = _account.RiskState(_instrument.Symbol, _working.Count, exposure), Strategy = _strategyGuard.ToRiskState(),
        };
    }

    private void Book(Order order, OrderFilled filled)
    {
        _board.Set(_instrument.Symbol, _last);
        var result = _account.Book.Apply(Fill.FromOrder(order, filled), _instrument, _converter);
        if (result.IsOk && result.Change.ReducedToZero && result.Change.ReducedTicket is { } ticket)
        {
            var closed = _account.Book.Closed[^1];
            if (closed.Ticket == ticket)
                _trades.Add(ClosedTrade.From(closed, _orderReasons.GetValueOrDefault(order.OrderId)));
        }
    }
}
