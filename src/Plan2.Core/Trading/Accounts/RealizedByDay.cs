namespace Plan2.Core.Trading.Accounts;

/// <summary>
/// Realised P&amp;L and commission per UTC day, from each booked fill at its own time, so that the P&amp;L of a day,
/// week or month is what was realised in it, not an estimate from equity readings. Rebuilt with the account.
/// </summary>
public sealed class RealizedByDay
{
    private readonly SortedDictionary<DateOnly, RealizedTotals> _days = [];

    /// <summary>The days' totals, for an account snapshot.</summary>
    public IReadOnlyDictionary<DateOnly, RealizedTotals> ToState() => new Dictionary<DateOnly, RealizedTotals>(_days);

    public static RealizedByDay FromState(IReadOnlyDictionary<DateOnly, RealizedTotals> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var restored = new RealizedByDay();
        foreach (var (day, t) in days)
            restored._days[day] = t;
        return restored;
    }

    public void Add(DateTimeOffset at, decimal realized, decimal commission)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        var t = _days.GetValueOrDefault(day);
        _days[day] = new RealizedTotals(t.Realized + realized, t.Commission + commission, t.Fills + 1);
    }

    /// <summary>Totals of the fills from the UTC day start <paramref name="from"/> on; a time inside a day would be half a day, so it is refused.</summary>
    public RealizedTotals Since(DateTimeOffset from)
    {
        if (from.UtcDateTime.TimeOfDay != TimeSpan.Zero)
            throw new ArgumentException($"A period starts at 00:00 UTC, not {from:O}.", nameof(from));
        var first = DateOnly.FromDateTime(from.UtcDateTime);
        var total = new RealizedTotals(0m, 0m, 0);
        foreach (var (day, t) in _days)
            if (day >= first)
                total = new RealizedTotals(total.Realized + t.Realized, total.Commission + t.Commission, total.Fills + t.Fills);
        return total;
    }
}

/// <summary>Realised P&amp;L before commission, the commission, and how many fills; Net is what the account kept.</summary>
public readonly record struct RealizedTotals(decimal Realized, decimal Commission, int Fills)
{
    public decimal Net => Realized - Commission;
}
