using Plan2.Abstractions.Trading;
using System.Text.Json.Serialization;

namespace Plan2.Grains.Trading.Accounts;

/// <summary>The platform's ("platform") or one tenant's kill switch: a durable flag and who set it last; a tenant's change is a risk alert.</summary>
public sealed class KillSwitchGrain(
    [PersistentState("kill-switch", StorageNames.GrainState)] IPersistentState<KillSwitchState> state) : Grain, IKillSwitchGrain
{
    public const string PlatformKey = "platform";

    async Task IKillSwitchGrain.SetAsync(bool engaged, Actor by)
    {
        ArgumentNullException.ThrowIfNull(by);
        state.State = new KillSwitchState { Engaged = engaged, By = by.ToString() };
        await state.WriteStateAsync();
        var key = this.GetPrimaryKeyString();
        if (key != PlatformKey) // a tenant's switch is news to its live clients
            GrainFactory.GetGrain<ITenantActivityGrain>(key).RiskAlertAsync(new RiskAlertView(null, engaged ? "KillSwitchEngaged" : "KillSwitchReleased",
                $"The tenant's kill switch was {(engaged ? "engaged" : "released")} by {by}.", null, null, DateTimeOffset.UtcNow)).Ignore();
    }

    Task<bool> IKillSwitchGrain.IsEngagedAsync() => Task.FromResult(state.State.Engaged);
}

[GenerateSerializer, Alias("plan2.kill-switch-state.v1")]
public sealed class KillSwitchState
{
    [Id(0), JsonPropertyName("engaged")] public bool Engaged { get; set; }
    [Id(1), JsonPropertyName("by")] public string By { get; set; } = "";
}
