namespace Plan2.Core.Diagnostics;

/// <summary>
/// The platform's error fingerprints: occurrences go in, spikes come out. Holds at most
/// <see cref="MaxGroups"/>; past that the group seen least recently is forgotten, so a flood of
/// distinct errors cannot grow it without bound.
/// </summary>
public sealed class ErrorBook(SpikeRule rule)
{
    public const int MaxGroups = 500;

    private readonly Dictionary<string, ErrorGroup> _groups = new(StringComparer.Ordinal);

    public SpikeRule Rule { get; } = rule.Validate() is { Count: > 0 } errors
        ? throw new ArgumentException("Invalid spike rule: " + string.Join(" ", errors), nameof(rule))
        : rule;

    public IReadOnlyCollection<ErrorGroup> Groups => _groups.Values;

    public ErrorGroup? Find(string fingerprintId) => _groups.GetValueOrDefault(fingerprintId);

    /// <summary>Puts back a stored group.</summary>
    public void Restore(ErrorGroup group) => _groups[group.Fingerprint.Id] = group;

    /// <summary>Counts the occurrences; returns the spikes they set off (at most one per fingerprint).</summary>
    public IReadOnlyList<ErrorSpike> Record(IEnumerable<ErrorOccurrence> occurrences, DateTimeOffset now)
    {
        var spikes = new List<ErrorSpike>();
        foreach (var occurrence in occurrences)
        {
            if (!_groups.TryGetValue(occurrence.Fingerprint.Id, out var group))
            {
                EvictIfFull();
                group = _groups[occurrence.Fingerprint.Id] = new ErrorGroup(occurrence.Fingerprint, occurrence.FirstAt);
            }
            group.Add(occurrence, now, Rule);
            if (group.TakeSpike(now, Rule) is { } spike)
                spikes.Add(spike);
        }
        return spikes;
    }

    private void EvictIfFull()
    {
        if (_groups.Count < MaxGroups)
            return;
        var stalest = _groups.Values.MinBy(g => g.LastSeen)!;
        _groups.Remove(stalest.Fingerprint.Id);
    }
}
