namespace Plan2.Core.Diagnostics;

/// <summary>
/// Everything known of one fingerprint: how often, since when, until when, which grains and tenants
/// it touched (the first <see cref="MaxNames"/> of each, enough to tell one tenant's problem from the
/// platform's), and its counts per minute over the span a spike is judged on.
/// </summary>
public sealed class ErrorGroup
{
    public const int MaxNames = 20;
    public const int MaxExampleLength = 500;

    private readonly SortedSet<string> _grains;
    private readonly SortedSet<string> _tenants;
    private readonly SortedSet<string> _sources;
    private readonly SortedDictionary<long, long> _perMinute;

    public ErrorGroup(ErrorFingerprint fingerprint, DateTimeOffset firstSeen)
        : this(fingerprint, 0, firstSeen, firstSeen, "", [], [], [], new Dictionary<long, long>(), null) { }

    private ErrorGroup(ErrorFingerprint fingerprint, long count, DateTimeOffset firstSeen, DateTimeOffset lastSeen, string example,
        IEnumerable<string> grains, IEnumerable<string> tenants, IEnumerable<string> sources, IReadOnlyDictionary<long, long> perMinute, DateTimeOffset? lastAlertAt)
    {
        Fingerprint = fingerprint;
        Count = count;
        FirstSeen = firstSeen;
        LastSeen = lastSeen;
        ExampleMessage = example;
        _grains = new SortedSet<string>(grains, StringComparer.Ordinal);
        _tenants = new SortedSet<string>(tenants, StringComparer.Ordinal);
        _sources = new SortedSet<string>(sources, StringComparer.Ordinal);
        _perMinute = new SortedDictionary<long, long>(perMinute.ToDictionary());
        LastAlertAt = lastAlertAt;
    }

    /// <summary>Rebuilds a group from what was stored of it.</summary>
    public static ErrorGroup Restore(ErrorFingerprint fingerprint, long count, DateTimeOffset firstSeen, DateTimeOffset lastSeen, string example,
        IEnumerable<string> grains, IEnumerable<string> tenants, IEnumerable<string> sources, IReadOnlyDictionary<long, long> perMinute, DateTimeOffset? lastAlertAt) =>
        new(fingerprint, count, firstSeen, lastSeen, example, grains, tenants, sources, perMinute, lastAlertAt);

    public ErrorFingerprint Fingerprint { get; }
    public long Count { get; private set; }
    public DateTimeOffset FirstSeen { get; private set; }
    public DateTimeOffset LastSeen { get; private set; }
    public string ExampleMessage { get; private set; }
    public DateTimeOffset? LastAlertAt { get; private set; }
    public IReadOnlyCollection<string> Grains => _grains;
    public IReadOnlyCollection<string> Tenants => _tenants;
    public IReadOnlyCollection<string> Sources => _sources;

    /// <summary>Counts by minute (minutes since the Unix epoch), oldest first.</summary>
    public IReadOnlyDictionary<long, long> PerMinute => _perMinute;

    /// <summary>Adds occurrences counted at <paramref name="now"/> (the book's clock, so that collectors' clocks need not agree).</summary>
    public void Add(ErrorOccurrence occurrence, DateTimeOffset now, SpikeRule rule)
    {
        ArgumentNullException.ThrowIfNull(occurrence);
        if (occurrence.Count <= 0)
            return;
        Count += occurrence.Count;
        if (occurrence.FirstAt < FirstSeen)
            FirstSeen = occurrence.FirstAt;
        LastSeen = occurrence.LastAt > LastSeen ? occurrence.LastAt : LastSeen;
        if (occurrence.ExampleMessage.Length > 0)
            ExampleMessage = occurrence.ExampleMessage.Length > MaxExampleLength ? occurrence.ExampleMessage[..MaxExampleLength] + "…" : occurrence.ExampleMessage;
        AddCapped(_grains, occurrence.Grains);
        AddCapped(_tenants, occurrence.Tenants);
        AddCapped(_sources, occurrence.Sources);
        var minute = Minute(now);
        _perMinute[minute] = _perMinute.GetValueOrDefault(minute) + occurrence.Count;
        Prune(now, rule);
    }

    /// <summary>Occurrences in the last window ending at <paramref name="now"/>.</summary>
    public long InWindow(DateTimeOffset now, SpikeRule rule) => Sum(Minute(now) - Minutes(rule.Window) + 1, Minute(now));

    /// <summary>Average occurrences per window over the baseline span just before the current window.</summary>
    public double Baseline(DateTimeOffset now, SpikeRule rule)
    {
        var windowStart = Minute(now) - Minutes(rule.Window) + 1;
        return (double)Sum(windowStart - Minutes(rule.BaselineSpan), windowStart - 1) / (Minutes(rule.BaselineSpan) / (double)Minutes(rule.Window));
    }

    /// <summary>The spike to tell now, if this group spikes by the rule and was not told within its cooldown; marks it told.</summary>
    public ErrorSpike? TakeSpike(DateTimeOffset now, SpikeRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (LastAlertAt is { } told && now - told < rule.Cooldown)
            return null;
        var inWindow = InWindow(now, rule);
        var baseline = Baseline(now, rule);
        if (inWindow < rule.MinOccurrences || inWindow < rule.Factor * baseline)
            return null;
        LastAlertAt = now;
        return new ErrorSpike(Fingerprint, inWindow, baseline, rule.Window, now);
    }

    private long Sum(long fromMinute, long toMinute) =>
        _perMinute.Where(p => p.Key >= fromMinute && p.Key <= toMinute).Sum(p => p.Value);

    private void Prune(DateTimeOffset now, SpikeRule rule)
    {
        var oldest = Minute(now) - Minutes(rule.Window) - Minutes(rule.BaselineSpan);
        foreach (var minute in _perMinute.Keys.TakeWhile(m => m < oldest).ToList())
            _perMinute.Remove(minute);
    }

    private static void AddCapped(SortedSet<string> set, IReadOnlyCollection<string> names)
    {
        foreach (var name in names)
            if (set.Count < MaxNames && !string.IsNullOrEmpty(name))
                set.Add(name);
    }

    private static long Minute(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / (long)SpikeRule.Bucket.TotalMilliseconds;

    private static long Minutes(TimeSpan span) => Math.Max(1, (long)(span / SpikeRule.Bucket));
}
