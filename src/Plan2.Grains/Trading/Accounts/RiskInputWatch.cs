using Orleans.Concurrency;
using Plan2.Abstractions.Tenancy;

namespace Plan2.Grains.Trading.Accounts;

/// <summary>What an account keeps of risk's inputs held elsewhere: the two kill switches above it and its tenant's settings.</summary>
public enum RiskInput
{
    PlatformKillSwitch = 1,
    TenantKillSwitch = 2,
    TenantSettings = 3,
}

/// <summary>
/// One value of a risk input with its version (each change counts one up), so that an account that hears of a value
/// twice, or a newer one before an older answer, keeps the newest.
/// </summary>
[GenerateSerializer, Immutable, Alias("plan2.risk-input-change")]
public sealed record RiskInputChange(
    [property: Id(0)] RiskInput Input,
    [property: Id(1)] long Version,
    [property: Id(2)] bool Engaged,
    [property: Id(3)] TenantSettingsView? Settings);

/// <summary>
/// The account's side: told of every change before the change is answered, so an account placing orders from its
/// cached copy obeys a kill switch engaged a moment ago. Interleaves: it only records the value, and the account may
/// be waiting on the very grain that tells it (a first placement reading the switch that is being set).
/// </summary>
[Alias("plan2.IRiskInputsWatcher")]
public interface IRiskInputsWatcher : IGrainWithStringKey
{
    /// <summary>True once kept; false when this account is not live (not open): the source drops it from its watchers.</summary>
    [Alias("RiskInputChangedLive"), AlwaysInterleave] Task<bool> RiskInputChangedAsync(RiskInputChange change);
}

/// <summary>A kill switch's watch: registers the account (durably) and answers the switch's current value.</summary>
[Alias("plan2.IKillSwitchWatch")]
public interface IKillSwitchWatch : IGrainWithStringKey
{
    [Alias("Watch")] Task<RiskInputChange> WatchAsync(string accountKey);
}

/// <summary>A tenant's settings watch: registers the account (durably) and answers the settings in force (null: no such tenant).</summary>
[Alias("plan2.ITenantSettingsWatch")]
public interface ITenantSettingsWatch : IGrainWithStringKey
{
    [Alias("Watch")] Task<RiskInputChange?> WatchAsync(string accountKey);
}
