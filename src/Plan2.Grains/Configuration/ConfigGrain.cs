using Plan2.Abstractions.Configuration;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Trading;
using Plan2.Core.Configuration;
using Orleans.Runtime;

namespace Plan2.Grains.Configuration;

/// <summary>
/// A thin shell over the Core <see cref="SettingsHistory{T}"/>: checks a proposed value against its key,
/// hands it to the grain that uses it by a direct call (which applies it live and may refuse it for
/// reasons only it knows, e.g. limits above the tenant's), and only then stores it as the next version.
/// Whatever refuses it, the version in force stays.
/// </summary>
public sealed class ConfigGrain(
    [PersistentState("config", StorageNames.GrainState)] IPersistentState<ConfigState> state,
    TimeProvider clock) : Grain, IConfigGrain
{
    async Task<ConfigChangeResult> IConfigGrain.SetAsync(ConfigValue value, Actor by, string? note)
    {
        if (!ConfigKey.TryParse(this.GetPrimaryKeyString(), out var key, out var problem))
            return new ConfigChangeResult(false, 0, [problem!]);
        var history = new SettingsHistory<ConfigValue>(state.State.Versions.Select(v => v.ToVersion()));
        var reasons = history.Check(value, by?.ToString() ?? "", v => v.Validate(key!)); // a null value or author is refused there
        if (reasons.Count > 0)
            return new ConfigChangeResult(false, history.CurrentVersion, reasons);
        if (await ApplyAsync(key!, value!, by!) is { } refusal)
            return new ConfigChangeResult(false, history.CurrentVersion, [refusal]);
        var version = history.Commit(value!, by!.ToString(), clock.GetUtcNow(), note);
        state.State.Versions = history.Versions.Select(v => v.ToRecord()).ToList();
        await state.WriteStateAsync();
        return new ConfigChangeResult(true, version.Version, []);
    }

    Task<ConfigVersionView?> IConfigGrain.GetCurrentAsync() =>
        Task.FromResult(state.State.Versions.Count > 0 ? state.State.Versions[^1].ToView() : null);

    Task<IReadOnlyList<ConfigVersionView>> IConfigGrain.GetHistoryAsync() =>
        Task.FromResult<IReadOnlyList<ConfigVersionView>>(state.State.Versions.Select(v => v.ToView()).ToList());

    /// <summary>The change notification: a direct call to the grain that uses the setting. Null when it took it; else why not.</summary>
    private async Task<string?> ApplyAsync(ConfigKey key, ConfigValue value, Actor by)
    {
        try
        {
            var applying = key.Kind switch
            {
                ConfigKind.Risk => GrainFactory.GetGrain<IAccountGrain>(key.ConsumerKey).SetLimitsAsync(value.Risk!, by),
                ConfigKind.Strategy => GrainFactory.GetGrain<IStrategyGrain>(key.ConsumerKey).ConfigureAsync(value.Strategy!),
                _ => GrainFactory.GetGrain<IInstrumentGrain>(key.ConsumerKey).ConfigureFeedAsync(value.Feed!),
            };
            await applying;
            return null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return $"{key.ConsumerKey} refused it: {e.Message}";
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            return $"{key.ConsumerKey} could not be reached to apply it ({e.Message}); nothing changed.";
        }
    }
}
