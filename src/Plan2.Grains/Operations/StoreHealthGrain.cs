using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Plan2.Abstractions.Operations;

namespace Plan2.Grains.Operations;

/// <summary>
/// Answers from the silo it runs on: a stateless worker, so each silo's own view, with no store in the
/// way. A silo without a store monitor (embedded, tests) has no stores to report.
/// </summary>
[StatelessWorker]
public sealed class StoreHealthGrain(IServiceProvider services) : Grain, IStoreHealthGrain
{
    private readonly IStoreHealthSource? _source = services.GetService<IStoreHealthSource>();

    Task<IReadOnlyList<StoreStatus>> IStoreHealthGrain.GetStoresAsync() => Task.FromResult(_source?.Current ?? []);
}
