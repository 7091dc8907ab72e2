using Plan2.Abstractions.Trading;

namespace Plan2.Abstractions.Configuration;

/// <summary>
/// One setting of the platform, versioned (key "TENANT/KIND/TARGET": "acme/risk/main",
/// "acme/strategy/main/ai-1/EURUSD", "platform/feed/EURUSD"). A change is validated, stored as the
/// next version, and only then handed to the grain that uses it (the account, the strategy, the
/// instrument), which applies it live from its next order, bar or tick (a refusal there takes the stored
/// version back). A refused change, or one the store could not keep, names every reason and leaves the
/// current version in force.
/// </summary>
[Alias("plan2.IConfigGrain")]
public interface IConfigGrain : IGrainWithStringKey
{
    /// <summary>Proposes a new version: accepted (its number) or refused (the reasons, and the version still in force).</summary>
    [Alias("Set")] Task<ConfigChangeResult> SetAsync(ConfigValue value, Actor by, string? note = null);

    /// <summary>
    /// The version in force, null before the first. Interleaves: a consumer activated by a change's own
    /// call reads it then (the change itself, already stored) and gets the same change right after.
    /// </summary>
    [Alias("GetCurrent"), ReadOnly, AlwaysInterleave] Task<ConfigVersionView?> GetCurrentAsync();

    /// <summary>Every version kept, oldest first.</summary>
    [Alias("GetHistory"), ReadOnly] Task<IReadOnlyList<ConfigVersionView>> GetHistoryAsync();
}

/// <summary>One setting's value: exactly the member of the key's kind is set.</summary>
[GenerateSerializer, Immutable, Alias("plan2.config-value")]
public sealed record ConfigValue(
    [property: Id(0)] AccountLimits? Risk = null,
    [property: Id(1)] StrategyConfig? Strategy = null,
    [property: Id(2)] FeedSettings? Feed = null);

/// <summary>Tick validation of one instrument's feed (see TickValidationOptions in Core for each field's meaning).</summary>
[GenerateSerializer, Immutable, Alias("plan2.feed-settings")]
public sealed record FeedSettings(
    [property: Id(0)] double SpikeSigmas = 25,
    [property: Id(1)] double SpikeMinRelativeMove = 0.003,
    [property: Id(2)] int SpikeWarmUpTicks = 50,
    [property: Id(3)] int LevelShiftConfirmTicks = 3,
    [property: Id(4)] TimeSpan? FutureTolerance = null,
    [property: Id(5)] TimeSpan? GapReset = null,
    [property: Id(6)] double VolatilityAlpha = 0.02);

[GenerateSerializer, Immutable, Alias("plan2.config-version")]
public sealed record ConfigVersionView(
    [property: Id(0)] int Version,
    [property: Id(1)] ConfigValue Value,
    [property: Id(2)] string ChangedBy,
    [property: Id(3)] DateTimeOffset ChangedAt,
    [property: Id(4)] string? Note);

/// <summary>Accepted: Version is the new one. Refused: Version is the one still in force (0: none yet), Reasons say why.</summary>
[GenerateSerializer, Immutable, Alias("plan2.config-change")]
public sealed record ConfigChangeResult(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] int Version,
    [property: Id(2)] IReadOnlyList<string> Reasons);
