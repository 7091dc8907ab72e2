using Microsoft.Extensions.Logging;
using Plan2.Abstractions.Trading;
using Plan2.Core.MarketData;
using Plan2.Core.Trading.Accounts;
using Plan2.Core.Trading.Instruments;
using Plan2.Core.Trading.Money;
using Plan2.Core.Trading.Positions;

namespace Plan2.Grains.Trading.Accounts;

// The P&L of a day, week or month: what the booked fills realised in it (filled as they are absorbed, live and on
// rebuild), plus how the unrealised P&L moved since its start. The positions open at the start are kept per day start
// (DayStartBooks) and marked at the last stored tick before the start: the tick store keeps every quote, so no equity
// reading has to be taken at midnight by an account that may not even be active then.
public sealed partial class AccountGrain
{
    /// <summary>
    /// How far back a period may start: a month starts at most 30 days before today, a week 6. The positions open at
    /// each day start are kept that far back (<see cref="DayStartBooks"/>), and no further.
    /// </summary>
    internal const int PeriodDays = 31;

    private RealizedByDay _realizedByDay = new(); // replaced by a snapshot's on activation
    private DayStartBooks? _dayStarts; // created with the ledger
    // Today's 00:00 UTC and the unrealised P&L then, for the daily loss; RetryAt set while a mark was missing (counted as 0).
    private (DateTimeOffset Start, decimal Unrealized, DateTimeOffset? RetryAt)? _dayStart;
    private int _dayStartChanges; // counts late fills that voided a read, so a read in flight does not store a stale value
    private static readonly TimeSpan DayStartRetry = TimeSpan.FromMinutes(1);

    public async Task<PeriodPnlView?> GetPeriodPnlAsync(DateTimeOffset from)
    {
        if (_ledger is null || _dayStarts is null)
            return null;
        var t = _realizedByDay.Since(from); // refuses a start inside a day
        var earliest = EarliestPeriodStart();
        if (from < earliest)
            throw new ArgumentOutOfRangeException(nameof(from), from, $"A period may start {PeriodDays} days back at most, from {earliest:yyyy-MM-dd} on.");
        var atStart = _dayStarts.BookAt(from);
        var unrealizedAtStart = await UnrealizedAtAsync(atStart, from);
        await RefreshQuotesAsync(OpenSymbols()); // now means now (not the last order's quote), or the last known mark when a read is slow
        decimal? unrealizedNow = PositionValuation.TryUnrealizedPnl(_ledger.Book, catalog, _quotes, new CurrencyConverter(_quotes), out var u) ? u : null;
        return new PeriodPnlView(from, t.Realized, t.Commission, t.Fills, unrealizedAtStart, unrealizedNow);
    }

    /// <summary>Books a fill into the day starts' books, giving up the days no period can reach any more.</summary>
    private void KeepForPeriods(Fill fill, Instrument instrument, Tick quote)
    {
        _dayStarts!.Add(fill, instrument, quote);
        _dayStarts.Forget(EarliestPeriodStart());
        if (_dayStart is { } day && fill.At < day.Start)
            (_dayStart, _dayStartChanges) = (null, _dayStartChanges + 1); // a late fill from before the day changes what was held at its start
    }

    /// <summary>
    /// Reads, once a day, the unrealised P&amp;L of the positions held at today's 00:00 UTC, marked at the last stored
    /// quotes before it, so that the daily loss limit counts today's moves only. Unknown (no stored quote) counts as 0 and
    /// is read again a minute later, as the store may have caught up.
    /// </summary>
    private async Task RefreshDayStartAsync(DateTimeOffset now)
    {
        var start = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        if (_dayStarts is null || _dayStart is { } day && day.Start == start && (day.RetryAt is not { } retry || now < retry))
            return;
        try
        {
            var changes = _dayStartChanges;
            var unrealized = await UnrealizedAtAsync(_dayStarts.BookAt(start), start);
            if (changes == _dayStartChanges)
                _dayStart = (start, unrealized ?? 0m, unrealized is null ? now + DayStartRetry : null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogWarning(e, "Account {Account}: the positions' marks at the day's start could not be read; asked again with the next order", Key);
        }
    }

    /// <summary>What <see cref="RefreshDayStartAsync"/> read for the day of <paramref name="now"/>, else 0.</summary>
    private decimal UnrealizedAtDayStart(DateTimeOffset now) =>
        _dayStart is { } day && day.Start == new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) ? day.Unrealized : 0m;

    private DateTimeOffset EarliestPeriodStart() => new DateTimeOffset(clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero).AddDays(-PeriodDays);

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
