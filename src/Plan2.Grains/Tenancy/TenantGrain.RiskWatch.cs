using System.Text.Json.Serialization;
using Plan2.Abstractions.Tenancy;
using Plan2.Grains.Trading.Accounts;

namespace Plan2.Grains.Tenancy;

// The tenant's accounts keep a copy of its settings (risk limits read them on every order): each registers here once,
// durably, and a settings change is answered only after every registered account has it.
public sealed partial class TenantGrain : ITenantSettingsWatch
{
    async Task<RiskInputChange?> ITenantSettingsWatch.WatchAsync(string accountKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountKey);
        if (!state.State.Created)
            return null;
        await RiskInputWatchers.RegisterAsync(riskWatch.State.Watchers, accountKey, () => riskWatch.WriteStateAsync());
        return new RiskInputChange(RiskInput.TenantSettings, riskWatch.State.Version, false, Load().Settings.ToView());
    }

    /// <summary>After the settings are stored: a new version, and every watching account told of it.</summary>
    private async Task TellWatchersAsync(TenantSettingsView settings)
    {
        riskWatch.State.Version++;
        await riskWatch.WriteStateAsync();
        await RiskInputWatchers.NotifyAsync(GrainFactory, riskWatch.State.Watchers,
            new RiskInputChange(RiskInput.TenantSettings, riskWatch.State.Version, false, settings), () => riskWatch.WriteStateAsync());
    }
}

/// <summary>Which accounts keep a copy of the tenant's settings, and how many times the settings changed since they started counting.</summary>
[GenerateSerializer, Alias("plan2.tenant-risk-watch-state.v1")]
public sealed class RiskWatchState
{
    [Id(0), JsonPropertyName("version")] public long Version { get; set; }
    [Id(1), JsonPropertyName("watchers")] public HashSet<string> Watchers { get; set; } = new(StringComparer.Ordinal);
}
