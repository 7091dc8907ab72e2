using Plan2.Core.MarketData;
using Plan2.Core.Trading.Instruments;
using Plan2.Core.Trading.Money;
using Plan2.Core.Trading.Orders;
using Plan2.Core.Trading.Positions;

namespace Plan2.Core.Trading.Accounts;

/// <summary>
/// The fills the account booked, in booking order with the quote each was converted at, so that the positions open
/// at an earlier time (the start of a day, week or month) can be rebuilt exactly: a period's P&amp;L needs what was
/// open at its start and at what mark, not only what it realised. Fills older than the longest period asked for are
/// folded into the positions they left open (<see cref="Forget"/>), so memory follows the recent trading, not all of it.
/// </summary>
public sealed class FillHistory(string accountId, AccountMode mode, string currency)
{
    private readonly List<(Fill Fill, Instrument Instrument, Tick QuoteAtFill)> _fills = [];
    private PositionBook _carried = new(accountId, mode, currency); // what the folded fills left open

    /// <summary>Fills kept one by one (those not folded yet).</summary>
    public int Count => _fills.Count;

    /// <summary>The earliest time <see cref="BookAt"/> can rebuild: fills before it may be folded.</summary>
    public DateTimeOffset KeptFrom { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>Keeps a fill the ledger has just booked (a refused or duplicate fill is not kept).</summary>
    public void Add(Fill fill, Instrument instrument, Tick quoteAtFill) => _fills.Add((fill, instrument, quoteAtFill));

    /// <summary>
    /// Gives up rebuilding times before <paramref name="before"/>: the leading fills (in booking order) stamped before it
    /// are booked into the carried positions and dropped. A fill stamped at or after it stops the folding, so that every
    /// later book is rebuilt from the same fills in the same order as before.
    /// </summary>
    public void Forget(DateTimeOffset before)
    {
        if (before <= KeptFrom)
            return;
        KeptFrom = before;
        var folded = 0;
        while (folded < _fills.Count && _fills[folded].Fill.At < before)
            Book(_carried, _fills[folded++]);
        if (folded == 0)
            return;
        _fills.RemoveRange(0, folded);
        _carried = _carried.CarryOpen(); // drops the folded fills' trade ids and closed positions
    }

    /// <summary>The book as it stood at <paramref name="at"/>: every fill stamped before it, booked again in the same order.</summary>
    public PositionBook BookAt(DateTimeOffset at)
    {
        if (at < KeptFrom)
            throw new ArgumentOutOfRangeException(nameof(at), at, $"Fills before {KeptFrom:O} are folded; the positions at {at:O} are no longer known.");
        var book = _carried.CarryOpen();
        foreach (var kept in _fills)
            if (kept.Fill.At < at)
                Book(book, kept);
        return book;
    }

    /// <summary>The kept fills and what the folded ones left open, for an account snapshot.</summary>
    public FillHistoryState ToState() => new(KeptFrom, _carried.ToState(), _fills.Select(k => KeptFill.From(k.Fill, k.QuoteAtFill)).ToList());

    /// <summary>A history as <see cref="ToState"/> stored it; the instruments come from <paramref name="catalog"/> (a fill of one no longer listed fails).</summary>
    public static FillHistory FromState(string accountId, AccountMode mode, string currency, FillHistoryState state, InstrumentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(catalog);
        var history = new FillHistory(accountId, mode, currency) { KeptFrom = state.KeptFrom, _carried = PositionBook.FromState(accountId, mode, currency, state.Carried) };
        foreach (var k in state.Fills)
        {
            if (!catalog.TryGet(k.Symbol, out var instrument))
                throw new InvalidDataException($"A kept fill of account '{accountId}' is in '{k.Symbol}', which the catalog no longer lists.");
            history._fills.Add((k.ToFill(), instrument, new Tick(k.QuoteTimeMs, new Price(k.BidUnits), new Price(k.AskUnits))));
        }
        return history;
    }

    private static void Book(PositionBook book, (Fill Fill, Instrument Instrument, Tick QuoteAtFill) kept)
    {
        var board = new QuoteBoard();
        board.Set(kept.Instrument.Symbol, kept.QuoteAtFill);
        book.Apply(kept.Fill, kept.Instrument, new CurrencyConverter(board));
    }
}

/// <summary>A <see cref="FillHistory"/> as an account snapshot stores it.</summary>
public sealed record FillHistoryState(DateTimeOffset KeptFrom, PositionBookState Carried, IReadOnlyList<KeptFill> Fills);

/// <summary>One kept fill with the quote it was converted at (prices in exact units).</summary>
public sealed record KeptFill(string TradeId, string OrderId, string Symbol, OrderSide Side, decimal Quantity, long PriceUnits, DateTimeOffset At,
    decimal Commission, long? PositionTicket, string? StrategyId, decimal Swap, long QuoteTimeMs, long BidUnits, long AskUnits)
{
    public static KeptFill From(Fill f, Tick quote) => new(f.TradeId, f.OrderId, f.Symbol, f.Side, f.Quantity, f.Price.Units, f.At, f.Commission,
        f.PositionTicket, f.StrategyId, f.Swap, quote.TimeMs, quote.Bid.Units, quote.Ask.Units);

    public Fill ToFill() => new(TradeId, OrderId, Symbol, Side, Quantity, new Price(PriceUnits), At, Commission, PositionTicket, StrategyId, Swap);
}
