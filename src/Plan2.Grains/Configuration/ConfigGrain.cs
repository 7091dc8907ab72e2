using Plan2.Abstractions.Configuration;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Trading;
using Plan2.Core.Configuration;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Plan2.Grains.Configuration;

/// <summary>
/// A thin shell over the Core <see cref="SettingsHistory{T}"/>: checks a proposed value against its key,
/// stores it as the next version, and only then hands it to the grain that uses it by a direct call (which
/// applies it live and may refuse it for reasons only it knows, e.g. limits above the tenant's; the stored
/// version is then taken back). Store first: a setting applied live but never stored would run until the next
/// restart and then silently revert. Whatever refuses it (the check, the store, the consumer), the version in force stays.
/// </summary>
public sealed class ConfigGrain(
    [PersistentState("config", StorageNames.GrainState)] IPersistentState<ConfigState> state,
    TimeProvider clock, ILogger<ConfigGrain> logger) : Grain, IConfigGrain
{
    async Task<ConfigChangeResult> IConfigGrain.SetAsync(ConfigValue value, Actor by, string? note)
    {
        if (!ConfigKey.TryParse(this.GetPrimaryKeyString(), out var key, out var problem))
            return new ConfigChangeResult(false, 0, [problem!]);
        var history = new SettingsHistory<ConfigValue>(state.State.Versions.Select(v => v.ToVersion()));
        var reasons = history.Check(value, by?.ToString() ?? "", v => v.Validate(key!)); // a null value or author is refused there
        if (reasons.Count > 0)
            return new ConfigChangeResult(false, history.CurrentVersion, reasons);
        var (inForce, before) = (state.State.Versions, history.CurrentVersion);
        var version = history.Commit(value!, by!.ToString(), clock.GetUtcNow(), note);
        if (await StoreAsync(history.Versions.Select(v => v.ToRecord()).ToList(), inForce) is { } failure)
            return new ConfigChangeResult(false, before, [$"The change could not be stored ({failure}); version {before} stays in force and nothing was applied. Try again."]);
        if (await ApplyAsync(key!, value!, by!) is { } failed)
        {
            if (!failed.Refused)
            {
                // Unreachable (a timeout): it may have taken it all the same, and it reads the stored version when it next
                // starts; taking the version back could leave history saying one thing while the consumer runs another.
                return new ConfigChangeResult(false, version.Version,
                    [$"Stored as version {version.Version}, but {failed.Message}; it takes effect when {key!.ConsumerKey} next reads its settings. Send it again to apply it now."]);
            }
            // The consumer refused it and kept its settings: the stored history must not claim otherwise.
            if (await StoreAsync(inForce, inForce) is { } stuck)
                logger.LogError("Config {Key}: version {Version} was refused by its consumer but could not be taken back from the store ({Failure})", key, version.Version, stuck);
            return new ConfigChangeResult(false, before, [failed.Message]);
        }
        return new ConfigChangeResult(true, version.Version, []);
    }

    /// <summary>Writes <paramref name="versions"/>; on failure memory goes back to <paramref name="previous"/> and the store's message is returned.</summary>
    private async Task<string?> StoreAsync(List<ConfigVersionRecord> versions, List<ConfigVersionRecord> previous)
    {
        state.State.Versions = versions;
        try
        {
            await state.WriteStateAsync();
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            state.State.Versions = previous;
            logger.LogWarning(e, "Config {Key}: a change could not be stored", this.GetPrimaryKeyString());
            return e.Message.TrimEnd('.');
        }
    }

    Task<ConfigVersionView?> IConfigGrain.GetCurrentAsync() =>
        Task.FromResult(state.State.Versions.Count > 0 ? state.State.Versions[^1].ToView() : null);

    Task<IReadOnlyList<ConfigVersionView>> IConfigGrain.GetHistoryAsync() =>
        Task.FromResult<IReadOnlyList<ConfigVersionView>>(state.State.Versions.Select(v => v.ToView()).ToList());

    /// <summary>The change notification: a direct call to the grain that uses the setting. Null when it took it; else why not.</summary>
    private async Task<(string Message, bool Refused)?> ApplyAsync(ConfigKey key, ConfigValue value, Actor by)
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
            return ($"{key.ConsumerKey} refused it: {e.Message}", true);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            return ($"{key.ConsumerKey} could not be reached to apply it ({e.Message})", false);
        }
    }
}
