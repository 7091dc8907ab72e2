namespace Plan2.Core.Diagnostics;

/// <summary>
/// When an error fingerprint is spiking: at least <see cref="MinOccurrences"/> in the last
/// <see cref="Window"/> and at least <see cref="Factor"/> times its baseline (its average count per
/// window over the <see cref="BaselineSpan"/> before), told at most once per <see cref="Cooldown"/>.
/// A new fingerprint has a baseline of zero, so a new bug that repeats is told at once.
/// </summary>
public sealed record SpikeRule
{
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan BaselineSpan { get; init; } = TimeSpan.FromHours(1);
    public int MinOccurrences { get; init; } = 10;
    public double Factor { get; init; } = 3.0;
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Counts are kept per bucket of this length (a minute): coarse enough to stay small, fine enough for a 5-minute window.</summary>
    public static readonly TimeSpan Bucket = TimeSpan.FromMinutes(1);

    public static SpikeRule Default { get; } = new();

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Window < Bucket)
            errors.Add($"Window must be at least {Bucket}, not {Window}.");
        if (BaselineSpan < Window)
            errors.Add($"BaselineSpan must be at least the window ({Window}), not {BaselineSpan}.");
        if (MinOccurrences < 1)
            errors.Add($"MinOccurrences must be at least 1, not {MinOccurrences}.");
        if (!(Factor >= 1.0))
            errors.Add($"Factor must be at least 1, not {Factor}.");
        if (Cooldown < TimeSpan.Zero)
            errors.Add($"Cooldown must not be negative, not {Cooldown}.");
        return errors;
    }
}

/// <summary>A fingerprint spiking: how many in the window against its baseline (average per window before).</summary>
public sealed record ErrorSpike(ErrorFingerprint Fingerprint, long InWindow, double Baseline, TimeSpan Window, DateTimeOffset At)
{
    public string Describe() =>
        $"ErrorDNA spike {Fingerprint.Id}: {Fingerprint.ShortType} \"{Fingerprint.Message}\" {InWindow}× in {Window.TotalMinutes:0} min " +
        $"(baseline {Baseline:0.#})" + (Fingerprint.Frames.Count > 0 ? $" at {Fingerprint.Frames[0]}" : "");
}
