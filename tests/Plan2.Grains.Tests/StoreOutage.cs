using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Plan2.Grains.Tests;

/// <summary>
/// The cluster's grain store, able to go down for chosen grains: while an outage lasts, their writes fail as
/// PostgreSQL's driver fails them when the database is gone; reads and every other grain's writes pass through.
/// One outage at a time (the cluster's tests run one after another).
/// </summary>
public sealed class StoreOutage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private static volatile Func<GrainId, bool>? _down;

    /// <summary>Fails writes of the grains <paramref name="affected"/> picks until disposed.</summary>
    public static IDisposable FailWrites(Func<GrainId, bool> affected)
    {
        _down = affected;
        return new Ends();
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        _down?.Invoke(grainId) == true
            ? Task.FromException(new Npgsql.NpgsqlException("Failed to connect to 127.0.0.1:5432", new System.Net.Sockets.SocketException(111)))
            : inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        _down?.Invoke(grainId) == true
            ? Task.FromException(new Npgsql.NpgsqlException("Failed to connect to 127.0.0.1:5432", new System.Net.Sockets.SocketException(111)))
            : inner.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    /// <summary>Wraps the grain storage registered under <paramref name="name"/> (register it first).</summary>
    public static void Install(IServiceCollection services, string name)
    {
        var registered = services.Last(d => d.IsKeyedService && d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, name)
            && d.KeyedImplementationFactory is not null);
        var factory = registered.KeyedImplementationFactory!;
        services.Remove(registered);
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, key) => new StoreOutage((IGrainStorage)factory(sp, key)));
    }

    private sealed class Ends : IDisposable
    {
        public void Dispose() => _down = null;
    }
}
