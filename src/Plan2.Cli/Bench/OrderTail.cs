using System.Diagnostics;
using Plan2.Grains.Trading.Journal;

namespace Plan2.Cli.Bench;

/// <summary>
/// Where an order's time goes, for the slowest 1% and for the median order: before the journal append (account grain, risk, order
/// grain, venue), the append itself (the commit), and after it (the answer back through both grains),
/// plus how many of them saw a garbage collection. Timestamps come from a journal that wraps the real one,
/// so the grains run unchanged.
/// </summary>
internal sealed class OrderTail
{
    private readonly List<Sample> _samples = [];
    private long _appendStart, _appendEnd;

    public int Collections { get; private set; }
    public TimeSpan Paused { get; private set; }

    public long AllocatedPerOrder { get; private set; }

    public void Collected(int collections, TimeSpan paused, long allocatedPerOrder) =>
        (Collections, Paused, AllocatedPerOrder) = (collections, paused, allocatedPerOrder);

    public IOrderJournal Wrap(IOrderJournal inner) => new TimedJournal(inner, this);

    /// <summary>Records one order timed by the caller from <paramref name="start"/> to <paramref name="end"/>.</summary>
    public void Add(long start, long end, bool collected)
    {
        var (appendStart, appendEnd) = (Volatile.Read(ref _appendStart), Volatile.Read(ref _appendEnd));
        var inside = appendStart >= start && appendEnd <= end && appendEnd >= appendStart;
        _samples.Add(inside
            ? new Sample(Us(start, end), Us(start, appendStart), Us(appendStart, appendEnd), Us(appendEnd, end), collected)
            : new Sample(Us(start, end), double.NaN, double.NaN, double.NaN, collected));
    }

    /// <summary>Means over the slowest 1% of the orders: (before, commit, after) µs and the share that saw a GC.</summary>
    public (double Before, double Commit, double After, double GcShare) Slowest()
    {
        var tail = _samples.OrderByDescending(s => s.Total).Take(Math.Max(1, _samples.Count / 100)).ToList();
        var timed = tail.Where(s => !double.IsNaN(s.Commit)).ToList();
        double Mean(Func<Sample, double> f) => timed.Count == 0 ? double.NaN : Math.Round(timed.Average(f), 1);
        return (Mean(s => s.Before), Mean(s => s.Commit), Mean(s => s.After), Math.Round(tail.Count(s => s.Collected) / (double)tail.Count, 2));
    }

    /// <summary>Medians over every timed order of (before, commit, after) µs: where a typical order's time goes.</summary>
    public (double Before, double Commit, double After) Typical()
    {
        var timed = _samples.Where(s => !double.IsNaN(s.Commit)).ToList();
        double Median(Func<Sample, double> f) =>
            timed.Count == 0 ? double.NaN : Math.Round(Percentiles.Of([.. timed.Select(f).Order()], 0.5), 1);
        return (Median(s => s.Before), Median(s => s.Commit), Median(s => s.After));
    }

    /// <summary>The journal append inside the timed orders (from the order grain) at quantile <paramref name="q"/>, µs.</summary>
    public double CommitAt(double q)
    {
        var commits = _samples.Where(s => !double.IsNaN(s.Commit)).Select(s => s.Commit).Order().ToList();
        return commits.Count == 0 ? double.NaN : Math.Round(Percentiles.Of(commits, q), 1);
    }

    private static double Us(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMicroseconds;

    private sealed record Sample(double Total, double Before, double Commit, double After, bool Collected);

    private sealed class TimedJournal(IOrderJournal inner, OrderTail tail) : IOrderJournal
    {
        public bool IsDurable => inner.IsDurable;

        public async Task AppendAsync(IReadOnlyList<JournalEntry> entries)
        {
            var start = Stopwatch.GetTimestamp();
            await inner.AppendAsync(entries);
            Volatile.Write(ref tail._appendStart, start);
            Volatile.Write(ref tail._appendEnd, Stopwatch.GetTimestamp());
        }

        public Task<IReadOnlyList<JournalEntry>> ReadStreamAsync(string tenant, string streamId) => inner.ReadStreamAsync(tenant, streamId);

        public Task<IReadOnlyList<JournalEntry>> ReadAccountAsync(string tenant, string accountId) => inner.ReadAccountAsync(tenant, accountId);

        // The inner journal's own reads (left to the interface's defaults, a snapshot read the account's whole journal).
        public Task<IReadOnlyList<PositionedEntry>> ReadAccountAfterAsync(string tenant, string accountId, long afterPosition) =>
            inner.ReadAccountAfterAsync(tenant, accountId, afterPosition);

        public Task<IReadOnlyList<JournalMark>> ReadAccountMarksAfterAsync(string tenant, string accountId, long afterPosition) =>
            inner.ReadAccountMarksAfterAsync(tenant, accountId, afterPosition);
    }
}
