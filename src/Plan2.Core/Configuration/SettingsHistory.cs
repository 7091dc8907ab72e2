namespace Plan2.Core.Configuration;

/// <summary>One accepted version of a setting: numbered from 1, with who changed it, when, and why.</summary>
public sealed record SettingsVersion<T>(int Version, T Value, string ChangedBy, DateTimeOffset ChangedAt, string? Note);

/// <summary>
/// The versions of one setting, oldest first. A proposal is checked in full before anything changes;
/// a refused one leaves the history as it was. At most <see cref="MaxVersions"/> are kept (the oldest go).
/// </summary>
public sealed class SettingsHistory<T>(IEnumerable<SettingsVersion<T>>? versions = null) where T : class
{
    public const int MaxVersions = 100;

    private readonly List<SettingsVersion<T>> _versions = versions?.OrderBy(v => v.Version).ToList() ?? [];

    public IReadOnlyList<SettingsVersion<T>> Versions => _versions;

    public SettingsVersion<T>? Current => _versions.Count > 0 ? _versions[^1] : null;

    public int CurrentVersion => Current?.Version ?? 0;

    /// <summary>Reasons to refuse <paramref name="proposed"/>: <paramref name="validate"/>'s, plus a missing author.</summary>
    public IReadOnlyList<string> Check(T proposed, string by, Func<T, IReadOnlyList<string>> validate)
    {
        ArgumentNullException.ThrowIfNull(validate);
        if (proposed is null)
            return ["No settings were given."];
        var reasons = new List<string>(validate(proposed));
        if (string.IsNullOrWhiteSpace(by))
            reasons.Add("A change must say who made it.");
        return reasons;
    }

    /// <summary>Appends a checked value as the next version.</summary>
    public SettingsVersion<T> Commit(T value, string by, DateTimeOffset at, string? note)
    {
        var version = new SettingsVersion<T>(CurrentVersion + 1, value, by, at, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
        _versions.Add(version);
        if (_versions.Count > MaxVersions)
            _versions.RemoveAt(0);
        return version;
    }
}
