using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Plan2.Hosting.Operations;

/// <summary>
/// A grain storage whose failures are already ours (<see cref="StoreErrors.Translate"/>). Needed for reads at
/// activation: they fail before any grain call runs, so <see cref="StoreErrorFilter"/> never sees them, and
/// Orleans sends the activation's exception to the caller as it is: the driver's own, which it cannot serialize
/// (the caller got CodecNotFoundException). Everything else passes through untouched, lifecycle included.
/// </summary>
public sealed class StoreErrorGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        StoreErrors.Guard(inner.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        StoreErrors.Guard(inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        StoreErrors.Guard(inner.ClearStateAsync(stateName, grainId, grainState));

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    /// <summary>Wraps the grain storage registered under <paramref name="name"/> (register it first).</summary>
    public static void Decorate(IServiceCollection services, string name)
    {
        var registered = services.Last(d => d.IsKeyedService && d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, name)
            && d.KeyedImplementationFactory is not null);
        var factory = registered.KeyedImplementationFactory!;
        services.Remove(registered);
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, key) => new StoreErrorGrainStorage((IGrainStorage)factory(sp, key)));
    }
}
