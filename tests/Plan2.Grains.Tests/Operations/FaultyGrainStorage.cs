using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Plan2.Hosting.Operations;

namespace Plan2.Grains.Tests.Operations;

/// <summary>
/// The test cluster's grain storage with faults on demand: reads (or writes) of the grains a test names fail as
/// PostgreSQL's driver fails when the server is down, and reach callers through the silo's real translation
/// (<see cref="StoreErrorGrainStorage"/>), as in a cluster. Every other grain's state passes through untouched.
/// </summary>
public sealed class FaultyGrainStorage(IGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly ConcurrentDictionary<GrainId, (bool Reads, bool Writes)> Faults = new();

    /// <summary>Fails the grain's state reads (and writes, if asked) until disposed.</summary>
    public static IDisposable Fail(GrainId grain, bool reads = true, bool writes = false)
    {
        Faults[grain] = (reads, writes);
        return new Healed(grain);
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Faults.TryGetValue(grainId, out var f) && f.Reads ? Down() : inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Faults.TryGetValue(grainId, out var f) && f.Writes ? Down() : inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Faults.TryGetValue(grainId, out var f) && f.Writes ? Down() : inner.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);

    private static Task Down() =>
        Task.FromException(new Npgsql.NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)));

    /// <summary>Wraps the storage registered under <paramref name="name"/>, inside the silo's own error translation.</summary>
    public static void Decorate(IServiceCollection services, string name)
    {
        var registered = services.Last(d => d.IsKeyedService && d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, name)
            && d.KeyedImplementationFactory is not null);
        var factory = registered.KeyedImplementationFactory!;
        services.Remove(registered);
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, key) => new StoreErrorGrainStorage(new FaultyGrainStorage((IGrainStorage)factory(sp, key))));
    }

    private sealed class Healed(GrainId grain) : IDisposable
    {
        public void Dispose() => Faults.TryRemove(grain, out _);
    }
}
