using Plan2.Abstractions.Operations;
using Plan2.Core.Tenancy;
using Plan2.Grains.Tenancy;

namespace Plan2.Grains.Trading.Accounts;

// Risk's inputs held by other grains (the platform and tenant kill switches, the tenant's settings) are kept here, so
// an order reads no grain but the instrument: fewer calls per order, and no order waits on those grains' silo when it
// dies. Safe because each source tells its watching accounts of a change before it answers the change (KillSwitchGrain,
// TenantGrain.RiskWatch.cs); versions keep the newest of what arrives. A watch round every few seconds re-reads them,
// for a change whose telling failed (its caller was told so); values no round has confirmed for 15 s stop orders until one does.
public sealed partial class AccountGrain : IRiskInputsWatcher
{
    private static readonly TimeSpan RiskInputsRecheck = TimeSpan.FromSeconds(5);
    // Kept values not confirmed by a whole watch round for this long are not trusted: the next order waits for a round.
    private static readonly TimeSpan RiskInputsStale = TimeSpan.FromSeconds(15);
    private RiskInputChange? _platformSwitch, _tenantSwitch, _tenantSettings;
    private TenantSettings? _settings; // _tenantSettings' value, mapped once
    private Task _watching = Task.CompletedTask;
    private DateTimeOffset _watchedAt, _confirmedAt;
    private bool _tenantMissing; // the tenant answered the last settings watch: no such tenant
    private Exception? _watchFailure; // why the last round could not read an input (a store down, a timeout)

    Task<bool> IRiskInputsWatcher.RiskInputChangedAsync(RiskInputChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (_ledger is null)
            return Task.FromResult(false); // rebuilt and not open: nothing here keeps risk inputs
        Keep(change);
        return Task.FromResult(true);
    }

    private bool RiskInputsKnown => _platformSwitch is not null && _tenantSwitch is not null && _settings is not null;

    private void Keep(RiskInputChange? change)
    {
        switch (change?.Input)
        {
            case RiskInput.PlatformKillSwitch when Newer(change, _platformSwitch): _platformSwitch = change; break;
            case RiskInput.TenantKillSwitch when Newer(change, _tenantSwitch): _tenantSwitch = change; break;
            case RiskInput.TenantSettings when Newer(change, _tenantSettings) && change.Settings is not null:
                (_tenantSettings, _settings) = (change, change.Settings.ToSettings());
                break;
        }
    }

    // Equal versions are taken too: a settings change stored before its version was counted reads with the old number.
    private static bool Newer(RiskInputChange change, RiskInputChange? known) => known is null || change.Version >= known.Version;

    /// <summary>Registers with each source and takes its value; not awaited by the caller unless it needs the values now.</summary>
    private Task StartWatching()
    {
        if (!_watching.IsCompleted)
            return _watching;
        _watchedAt = clock.GetUtcNow();
        return _watching = WatchRoundAsync();
    }

    private async Task WatchRoundAsync()
    {
        var (key, began) = (Key, _watchedAt);
        Exception? failure = null;
        var platform = GrainFactory.GetGrain<IKillSwitchWatch>(KillSwitchGrain.PlatformKey).WatchAsync(key);
        var tenant = GrainFactory.GetGrain<IKillSwitchWatch>(Tenant).WatchAsync(key);
        var settings = GrainFactory.GetGrain<ITenantSettingsWatch>(Tenant).WatchAsync(key);
        foreach (var read in new[] { platform, tenant })
        {
            try { Keep(await read); } catch (Exception e) { failure = e; } // kept as it was; a placement that has no value yet fails below
        }
        try
        {
            var answer = await settings;
            _tenantMissing = answer is null; // only an answer says the tenant is not there; a failed read says nothing about it
            Keep(answer);
        }
        catch (Exception e) { failure = e; }
        _watchFailure = failure;
        if (failure is null)
            _confirmedAt = began;
    }

    /// <summary>The kept values, waiting for a watch round only when one is missing (the first order of an activation).</summary>
    private ValueTask<(bool Platform, bool Tenant, TenantSettings Settings)> RiskInputsAsync()
    {
        if (!RiskInputsKnown || clock.GetUtcNow() - _confirmedAt > RiskInputsStale)
            return ReadRiskInputsAsync();
        if (clock.GetUtcNow() - _watchedAt > RiskInputsRecheck)
            StartWatching().Ignore(); // not awaited: the kept values serve meanwhile
        return ValueTask.FromResult((_platformSwitch!.Engaged, _tenantSwitch!.Engaged, _settings!));
    }

    private async ValueTask<(bool Platform, bool Tenant, TenantSettings Settings)> ReadRiskInputsAsync()
    {
        await StartWatching();
        if (!RiskInputsKnown)
            await StartWatching(); // the round in flight began before a failure healed: one more, then give up
        if (_settings is null && _tenantMissing && _watchFailure is null)
            throw new InvalidOperationException($"Tenant '{Tenant}' does not exist.");
        if (!RiskInputsKnown || clock.GetUtcNow() - _confirmedAt > RiskInputsStale + RiskInputsRecheck)
            throw Unreadable();
        return (_platformSwitch!.Engaged, _tenantSwitch!.Engaged, _settings!);
    }

    /// <summary>
    /// Risk's inputs could not be read: said as what failed (a store down, else a timeout), never as a missing tenant,
    /// so that a caller retries a transient outage instead of giving up on a tenant that exists.
    /// </summary>
    private Exception Unreadable()
    {
        const string what = "could not read its kill switches and tenant settings; nothing was placed, try again";
        for (var e = _watchFailure; e is not null; e = e.InnerException)
            if (e is StorageUnavailableException store)
                return new StorageUnavailableException(store.Store, $"Account '{AccountId}' {what}: {store.Message}") { CauseType = store.CauseType };
        return new TimeoutException($"Account '{AccountId}' {what}" + (_watchFailure is null ? "." : $" ({_watchFailure.GetType().Name}: {_watchFailure.Message})"));
    }

    /// <summary>The tenant's settings read now, for checks that must see the stored ones (opening, new limits).</summary>
    private async Task<TenantSettings> ReadTenantSettingsAsync()
    {
        var profile = await GrainFactory.GetGrain<Abstractions.Tenancy.ITenantGrain>(Tenant).GetAsync()
            ?? throw new InvalidOperationException($"Tenant '{Tenant}' does not exist.");
        return profile.Settings.ToSettings();
    }
}
