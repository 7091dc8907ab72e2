using Plan2.Core.MarketData;
using Plan2.Core.Trading.Instruments;
using Plan2.Core.Trading.Money;
using Plan2.Core.Trading.Positions;

namespace Plan2.Core.Trading.Accounts;

/// <summary>
/// The positions that were open at each UTC day start a period may begin on (a day, week or month), so that a period's
/// P&amp;L can mark what was held at its start. The book at a day start D is every fill stamped before D booked in
/// booking order, each converted at the quote it was filled against. It is kept as one book per day, not as the fills:
/// a book is taken when the first fill stamped on or after D is booked (every fill booked until then is stamped before D),
/// and a fill that arrives late, stamped before days already taken, is booked into those days' books too. So memory
/// follows the open positions times the days kept, not the month's fills (a busy account's snapshot held every one).
/// </summary>
public sealed class DayStartBooks(string accountId, AccountMode mode, string currency)
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    // Days taken at once at most: a fill stamped years ahead (a venue's broken clock) must not take a book for every day
    // between; the days before these are given up (refused, never answered wrong). No period reaches back a year.
    private const int MaxDaysTaken = 366;
    private readonly SortedList<DateTimeOffset, PositionBook> _days = []; // contiguous days, each the book at its 00:00 UTC
    private PositionBook _all = new(accountId, mode, currency); // every fill booked, in booking order (open positions only)
    private DateTimeOffset? _lastDay; // the day of the latest stamp booked (its book may be given up since)

    /// <summary>The earliest time <see cref="BookAt"/> can answer: days before it are given up.</summary>
    public DateTimeOffset KeptFrom { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>Day starts whose book is kept.</summary>
    public int Days => _days.Count;

    /// <summary>Books a fill the ledger has just booked (a refused or duplicate fill is not kept) into every book it belongs to.</summary>
    public void Add(Fill fill, Instrument instrument, Tick quoteAtFill)
    {
        var day = DayOf(fill.At);
        if (_lastDay is not { } last || day > last)
        {
            // Every fill booked so far is stamped before each new day: its book is what all of them left open.
            var first = _lastDay is { } before ? before + Day : day;
            if (first < KeptFrom)
                first = Ceiling(KeptFrom);
            if (day - first >= MaxDaysTaken * Day)
                Forget(first = day - (MaxDaysTaken - 1) * Day);
            _all = _all.CarryOpen(); // drops closed positions and trade ids, which no day start needs
            for (var d = first; d <= day; d += Day)
                _days[d] = _all.CarryOpen();
            _lastDay = day;
        }
        else if (_days.Count > 0)
        {
            // Stamped before the first day kept: the days between it and that one held nothing (a fill stamped before
            // them would have taken them already); days given up stay so.
            for (var d = _days.Keys[0] - Day; d > fill.At && d >= KeptFrom; d -= Day)
                _days[d] = new PositionBook(accountId, mode, currency);
        }
        var converter = CurrencyConverter.AtQuote(instrument.Symbol, quoteAtFill); // as the ledger books it
        for (var i = _days.Count - 1; i >= 0 && _days.Keys[i] > fill.At; i--)
            _days.Values[i].Apply(fill, instrument, converter); // a late fill: the days after its stamp held it too
        _all.Apply(fill, instrument, converter);
    }

    /// <summary>Gives up the day starts before <paramref name="before"/>; never goes back.</summary>
    public void Forget(DateTimeOffset before)
    {
        if (before <= KeptFrom)
            return;
        KeptFrom = before;
        while (_days.Count > 0 && _days.Keys[0] < before)
            _days.RemoveAt(0);
    }

    /// <summary>The positions open at the UTC day start <paramref name="at"/> (a copy: the caller may mark or change it).</summary>
    public PositionBook BookAt(DateTimeOffset at)
    {
        if (DayOf(at) != at)
            throw new ArgumentException($"Books are kept at 00:00 UTC, not at {at:O}.", nameof(at));
        if (at < KeptFrom)
            throw new ArgumentOutOfRangeException(nameof(at), at, $"Day starts before {KeptFrom:O} are given up; the positions at {at:O} are no longer known.");
        if (_days.TryGetValue(at, out var kept))
            return kept.CarryOpen();
        if (_lastDay is not { } last || at > last)
            return _all.CarryOpen(); // no fill stamped on or after it yet: everything booked was open by then
        return new PositionBook(accountId, mode, currency); // before the first fill's day: nothing was open
    }

    public DayStartBooksState ToState() => new(KeptFrom, _lastDay, _all.ToState(), _days.Select(d => new DayStartBook(d.Key, d.Value.ToState())).ToList());

    public static DayStartBooks FromState(string accountId, AccountMode mode, string currency, DayStartBooksState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var books = new DayStartBooks(accountId, mode, currency) { KeptFrom = state.KeptFrom, _lastDay = state.LastDay, _all = PositionBook.FromState(accountId, mode, currency, state.All) };
        foreach (var d in state.Days)
        {
            if (DayOf(d.Day) != d.Day)
                throw new InvalidDataException($"A day-start book of account '{accountId}' is at {d.Day:O}, not at 00:00 UTC.");
            books._days[d.Day] = PositionBook.FromState(accountId, mode, currency, d.Book);
        }
        return books;
    }

    private static DateTimeOffset DayOf(DateTimeOffset t) => new(t.UtcDateTime.Date, TimeSpan.Zero);

    private static DateTimeOffset Ceiling(DateTimeOffset t) => DayOf(t) == t ? t : DayOf(t) + Day;
}

/// <summary>A <see cref="DayStartBooks"/> as an account snapshot stores it.</summary>
public sealed record DayStartBooksState(DateTimeOffset KeptFrom, DateTimeOffset? LastDay, PositionBookState All, IReadOnlyList<DayStartBook> Days);

/// <summary>The positions open at one UTC day start.</summary>
public sealed record DayStartBook(DateTimeOffset Day, PositionBookState Book);
