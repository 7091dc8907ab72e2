using Plan2.Abstractions.Trading;
using Plan2.Core.Trading.Accounts;
using Plan2.Core.Trading.Money;
using Plan2.Core.Trading.Positions;

namespace Plan2.Grains.Trading.Accounts;

// The P&L of a day, week or month: what the booked fills realised in it (filled as they are absorbed, live and on
// rebuild), plus how the unrealised P&L moved since its start. The positions open at the start are rebuilt from the
// kept fills and marked at the last stored tick before the start: the tick store keeps every quote, so no equity
// reading has to be taken at midnight by an account that may not even be active then.
public sealed partial class AccountGrain
{
    private readonly RealizedByDay _realizedByDay = new();
    private readonly FillHistory _fillHistory = new();

    public async Task<PeriodPnlView?> GetPeriodPnlAsync(DateTimeOffset from)
    {
        if (_ledger is null)
            return null;
        var t = _realizedByDay.Since(from); // refuses a start inside a day
        var atStart = _fillHistory.BookAt(from, AccountId, _ledger.Book.Mode, _ledger.Currency);
        var unrealizedAtStart = await UnrealizedAtAsync(atStart, from);
        await RefreshQuotesAsync(OpenSymbols()); // now means now, not the last order's quote
        decimal? unrealizedNow = PositionValuation.TryUnrealizedPnl(_ledger.Book, catalog, _quotes, new CurrencyConverter(_quotes), out var u) ? u : null;
        return new PeriodPnlView(from, t.Realized, t.Commission, t.Fills, unrealizedAtStart, unrealizedNow);
    }

    /// <summary>The unrealised P&amp;L of <paramref name="book"/> at the last stored quotes before <paramref name="at"/>; null if one is missing.</summary>
    private async Task<decimal?> UnrealizedAtAsync(PositionBook book, DateTimeOffset at)
    {
        if (book.Open.Count == 0)
            return 0m;
        var symbols = book.Open.Select(p => p.Symbol).Distinct().ToList();
        var marks = await Task.WhenAll(symbols.Select(s => history.ReadQuoteBeforeAsync(s, at.ToUnixTimeMilliseconds())));
        var board = new QuoteBoard();
        for (var i = 0; i < symbols.Count; i++)
        {
            if (marks[i] is not { } mark)
                return null;
            board.Set(symbols[i], mark);
        }
        return PositionValuation.TryUnrealizedPnl(book, catalog, board, new CurrencyConverter(board), out var pnl) ? pnl : null;
    }
}
