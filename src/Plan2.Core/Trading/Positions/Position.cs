using Plan2.Core.MarketData;

namespace Plan2.Core.Trading.Positions;

/// <summary>
/// An open (or, once in <see cref="PositionBook.Closed"/>, closed) position. Quantity is in lots and
/// always positive; the side says long or short. Money fields are in account currency.
/// </summary>
public sealed class Position
{
    internal Position(long ticket, string symbol, PositionSide side, decimal quantity, Price price, DateTimeOffset openedAt, string? strategyId)
    {
        Ticket = ticket;
        Symbol = symbol;
        Side = side;
        Quantity = quantity;
        AveragePrice = price.ToDecimal();
        OpenedAt = openedAt;
        StrategyId = strategyId;
    }

    public long Ticket { get; }
    public string Symbol { get; }
    public PositionSide Side { get; }
    public string? StrategyId { get; }
    public DateTimeOffset OpenedAt { get; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public decimal Quantity { get; private set; }
    /// <summary>Quantity-weighted open price; closes do not change it.</summary>
    public decimal AveragePrice { get; private set; }
    /// <summary>Lots closed so far, and their quantity-weighted exit price.</summary>
    public decimal ClosedQuantity { get; private set; }
    public decimal AverageClosePrice => ClosedQuantity > 0m ? _closedValue / ClosedQuantity : 0m;
    public decimal RealizedPnl { get; private set; }
    public decimal Commission { get; private set; }
    /// <summary>Overnight swap booked so far: negative is a charge.</summary>
    public decimal Swap { get; private set; }
    /// <summary>Realised P&amp;L after costs: realised + swap − commission.</summary>
    public decimal NetPnl => RealizedPnl + Swap - Commission;
    public bool IsOpen => Quantity > 0m;
    /// <summary>Signed lots: positive long, negative short.</summary>
    public decimal SignedQuantity => Side == PositionSide.Long ? Quantity : -Quantity;

    private decimal _closedValue;

    internal void Increase(decimal quantity, Price price)
    {
        AveragePrice = (Quantity * AveragePrice + quantity * price.ToDecimal()) / (Quantity + quantity);
        Quantity += quantity;
    }

    internal void Reduce(decimal quantity, Price price, decimal realizedPnl, DateTimeOffset at)
    {
        Quantity -= quantity;
        ClosedQuantity += quantity;
        _closedValue += quantity * price.ToDecimal();
        RealizedPnl += realizedPnl;
        if (Quantity == 0m)
            ClosedAt = at;
    }

    internal void Charge(decimal commission) => Commission += commission;

    /// <summary>An independent copy (every field is a value or a string), for a book that must not change this one.</summary>
    internal Position Copy() => (Position)MemberwiseClone();

    internal void BookSwap(decimal swap) => Swap += swap;

    /// <summary>Every field, for an account snapshot; <see cref="FromState"/> gives the same position back.</summary>
    public PositionState ToState() => new(Ticket, Symbol, Side, StrategyId, OpenedAt, ClosedAt, Quantity, AveragePrice, ClosedQuantity, _closedValue,
        RealizedPnl, Commission, Swap);

    internal static Position FromState(PositionState s) =>
        new(s.Ticket, s.Symbol, s.Side, s.Quantity, default, s.OpenedAt, s.StrategyId)
        {
            AveragePrice = s.AveragePrice, ClosedAt = s.ClosedAt, ClosedQuantity = s.ClosedQuantity, _closedValue = s.ClosedValue,
            RealizedPnl = s.RealizedPnl, Commission = s.Commission, Swap = s.Swap,
        };
}

/// <summary>A position as an account snapshot stores it: exact decimals, nothing derived.</summary>
public sealed record PositionState(long Ticket, string Symbol, PositionSide Side, string? StrategyId, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt,
    decimal Quantity, decimal AveragePrice, decimal ClosedQuantity, decimal ClosedValue, decimal RealizedPnl, decimal Commission, decimal Swap);
