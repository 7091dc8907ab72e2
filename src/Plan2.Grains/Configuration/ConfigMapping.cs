using Plan2.Abstractions.Configuration;
using Plan2.Core.Configuration;
using Plan2.Core.MarketData;
using Plan2.Grains.Trading.Accounts;
using Plan2.Grains.Trading.Strategies;

namespace Plan2.Grains.Configuration;

internal static class ConfigMapping
{
    public static TickValidationOptions ToOptions(this FeedSettings f) => new()
    {
        SpikeSigmas = f.SpikeSigmas,
        SpikeMinRelativeMove = f.SpikeMinRelativeMove,
        SpikeWarmUpTicks = f.SpikeWarmUpTicks,
        LevelShiftConfirmTicks = f.LevelShiftConfirmTicks,
        FutureTolerance = f.FutureTolerance ?? TickValidationOptions.Default.FutureTolerance,
        GapReset = f.GapReset ?? TickValidationOptions.Default.GapReset,
        VolatilityAlpha = f.VolatilityAlpha,
    };

    /// <summary>Reasons the value does not fit the key: the wrong kind given, or invalid on its own.</summary>
    public static IReadOnlyList<string> Validate(this ConfigValue value, ConfigKey key)
    {
        var given = new (ConfigKind Kind, object? Member)[] { (ConfigKind.Risk, value.Risk), (ConfigKind.Strategy, value.Strategy), (ConfigKind.Feed, value.Feed) }
            .Where(m => m.Member is not null).Select(m => m.Kind).ToList();
        if (given.Count != 1 || given[0] != key.Kind)
            return [$"Key '{key}' takes {key.Kind.ToString().ToLowerInvariant()} settings only; given: {(given.Count == 0 ? "none" : string.Join(", ", given).ToLowerInvariant())}."];
        var parts = key.Target.Split('/');
        try
        {
            return key.Kind switch
            {
                ConfigKind.Risk => SettingsRules.Risk(value.Risk!.ToOverrides()),
                ConfigKind.Strategy => SettingsRules.Strategy(value.Strategy!.ToSettings(parts[1], parts[2]), value.Strategy!.ToThresholds()),
                _ => SettingsRules.Feed(value.Feed!.ToOptions()),
            };
        }
        catch (ArgumentException e)
        {
            return [e.Message]; // a field that cannot even be read (an unknown timeframe)
        }
    }

    public static ConfigVersionView ToView(this ConfigVersionRecord r) => new(r.Version, r.Value, r.ChangedBy, r.ChangedAt, r.Note);

    public static SettingsVersion<ConfigValue> ToVersion(this ConfigVersionRecord r) => new(r.Version, r.Value, r.ChangedBy, r.ChangedAt, r.Note);

    public static ConfigVersionRecord ToRecord(this SettingsVersion<ConfigValue> v) =>
        new() { Version = v.Version, Value = v.Value, ChangedBy = v.ChangedBy, ChangedAt = v.ChangedAt, Note = v.Note };
}
