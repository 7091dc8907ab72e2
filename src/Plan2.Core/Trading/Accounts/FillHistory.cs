using Plan2.Core.MarketData;
using Plan2.Core.Trading.Instruments;
using Plan2.Core.Trading.Money;
using Plan2.Core.Trading.Positions;

namespace Plan2.Core.Trading.Accounts;

/// <summary>
/// Every fill the account booked, in booking order with the quote it was converted at, so that the
/// positions open at an earlier time (the start of a day, week or month) can be rebuilt exactly:
/// a period's P&amp;L needs what was open at its start and at what mark, not only what it realised.
/// </summary>
public sealed class FillHistory
{
    private readonly List<(Fill Fill, Instrument Instrument, Tick QuoteAtFill)> _fills = [];

    public int Count => _fills.Count;

    /// <summary>Keeps a fill the ledger has just booked (a refused or duplicate fill is not kept).</summary>
    public void Add(Fill fill, Instrument instrument, Tick quoteAtFill) => _fills.Add((fill, instrument, quoteAtFill));

    /// <summary>The book as it stood at <paramref name="at"/>: every kept fill stamped before it, booked again in the same order.</summary>
    public PositionBook BookAt(DateTimeOffset at, string accountId, AccountMode mode, string currency)
    {
        var book = new PositionBook(accountId, mode, currency);
        foreach (var (fill, instrument, quote) in _fills)
        {
            if (fill.At >= at)
                continue;
            var board = new QuoteBoard();
            board.Set(instrument.Symbol, quote);
            book.Apply(fill, instrument, new CurrencyConverter(board));
        }
        return book;
    }
}
