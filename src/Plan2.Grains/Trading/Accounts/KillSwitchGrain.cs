using Plan2.Abstractions.Telegram;
using Plan2.Abstractions.Trading;
using System.Text.Json.Serialization;

namespace Plan2.Grains.Trading.Accounts;

/// <summary>
/// The platform's ("platform") or one tenant's kill switch: a durable flag and who set it last; a tenant's change is a
/// risk alert. Accounts keep a copy (placing an order reads no grain for it): each registers here once (durably, so a
/// new activation of the switch still knows it), and a change is answered only after every registered account has it.
/// </summary>
public sealed class KillSwitchGrain(
    [PersistentState("kill-switch", StorageNames.GrainState)] IPersistentState<KillSwitchState> state) : Grain, IKillSwitchGrain, IKillSwitchWatch
{
    public const string PlatformKey = "platform";

    private RiskInput Input => this.GetPrimaryKeyString() == PlatformKey ? RiskInput.PlatformKillSwitch : RiskInput.TenantKillSwitch;

    async Task IKillSwitchGrain.SetAsync(bool engaged, Actor by)
    {
        ArgumentNullException.ThrowIfNull(by);
        var previous = state.State;
        state.State = new KillSwitchState { Engaged = engaged, By = by.ToString(), Version = previous.Version + 1, Watchers = previous.Watchers };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous; // not stored, so not in force: accounts are told nothing
            throw;
        }
        var key = this.GetPrimaryKeyString();
        if (key != PlatformKey) // a tenant's switch is news to its live clients and its chats, wherever it was set from
        {
            GrainFactory.GetGrain<ITenantActivityGrain>(key).RiskAlertAsync(new RiskAlertView(null, engaged ? "KillSwitchEngaged" : "KillSwitchReleased",
                $"The tenant's kill switch was {(engaged ? "engaged" : "released")} by {by}.", null, null, DateTimeOffset.UtcNow)).Ignore();
            GrainFactory.GetGrain<INotificationGrain>(key).NotifyAsync(NotificationKind.RiskAlerts,
                $"🛑 Kill switch of {key} {(engaged ? "ENGAGED" : "released")} by {by.Name}.").Ignore();
        }
        await RiskInputWatchers.NotifyAsync(GrainFactory, state.State.Watchers, Reading(), () => state.WriteStateAsync());
    }

    Task<bool> IKillSwitchGrain.IsEngagedAsync() => Task.FromResult(state.State.Engaged);

    async Task<RiskInputChange> IKillSwitchWatch.WatchAsync(string accountKey)
    {
        await RiskInputWatchers.RegisterAsync(state.State.Watchers, accountKey, () => state.WriteStateAsync());
        return Reading();
    }

    private RiskInputChange Reading() => new(Input, state.State.Version, state.State.Engaged, null);
}

[GenerateSerializer, Alias("plan2.kill-switch-state.v1")]
public sealed class KillSwitchState
{
    [Id(0), JsonPropertyName("engaged")] public bool Engaged { get; set; }
    [Id(1), JsonPropertyName("by")] public string By { get; set; } = "";

    /// <summary>Counts the changes, so an account keeps the newest value it heard of.</summary>
    [Id(2), JsonPropertyName("version")] public long Version { get; set; }

    /// <summary>The accounts (tenant/account keys) that keep a copy of this switch and are told of each change.</summary>
    [Id(3), JsonPropertyName("watchers")] public HashSet<string> Watchers { get; set; } = new(StringComparer.Ordinal);
}
