namespace Plan2.Core.MarketData;

/// <summary>Limits a tick must respect. Defaults suit FX and metals quoted at broker precision.</summary>
public sealed record TickValidationOptions
{
    /// <summary>How far ahead of the clock a tick may be stamped (clock skew between feed and host).</summary>
    public TimeSpan FutureTolerance { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A move is a spike when it exceeds this many recent standard deviations...</summary>
    public double SpikeSigmas { get; init; } = 25;

    /// <summary>...and also this relative size (0.003 = 0.3 %), so quiet markets do not flag normal ticks.</summary>
    public double SpikeMinRelativeMove { get; init; } = 0.003;

    /// <summary>Accepted ticks needed before volatility is trusted for spike detection.</summary>
    public int SpikeWarmUpTicks { get; init; } = 50;

    /// <summary>Consecutive "spikes" that agree with each other are a real level shift: the last one is accepted.</summary>
    public int LevelShiftConfirmTicks { get; init; } = 3;

    /// <summary>After a silence this long (a weekend, a halt) the next tick re-anchors instead of being judged.</summary>
    public TimeSpan GapReset { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Weight of the newest squared return in the running volatility (an EWMA).</summary>
    public double VolatilityAlpha { get; init; } = 0.02;

    public static TickValidationOptions Default { get; } = new();

    /// <summary>Every violation at once, so a caller can fix them all in one go.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (FutureTolerance < TimeSpan.Zero || FutureTolerance > TimeSpan.FromHours(1))
            errors.Add($"FutureTolerance must be between 0 and 1 hour, not {FutureTolerance}.");
        if (!(SpikeSigmas >= 3 && SpikeSigmas <= 1000))
            errors.Add($"SpikeSigmas must be between 3 and 1000, not {SpikeSigmas}.");
        if (!(SpikeMinRelativeMove > 0 && SpikeMinRelativeMove < 1))
            errors.Add($"SpikeMinRelativeMove must be above 0 and below 1, not {SpikeMinRelativeMove}.");
        if (SpikeWarmUpTicks is < 1 or > 100_000)
            errors.Add($"SpikeWarmUpTicks must be between 1 and 100000, not {SpikeWarmUpTicks}.");
        if (LevelShiftConfirmTicks is < 1 or > 1000)
            errors.Add($"LevelShiftConfirmTicks must be between 1 and 1000, not {LevelShiftConfirmTicks}.");
        if (GapReset <= TimeSpan.Zero)
            errors.Add($"GapReset must be positive, not {GapReset}.");
        if (!(VolatilityAlpha > 0 && VolatilityAlpha < 1))
            errors.Add($"VolatilityAlpha must be above 0 and below 1, not {VolatilityAlpha}.");
        return errors;
    }
}
