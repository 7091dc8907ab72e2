using Plan2.Storage.ClickHouse;
using Plan2.Storage.Tests.Conformance;
using Plan2.Storage.Ticks;

using Plan2.ClickHouseFront;

namespace Plan2.Storage.Tests.ClickHouse;

/// <summary>The conformance suite on ClickHouse: ClickHouse.Driver, over HTTP, to the real engine.</summary>
[Collection(ChDbCollection.Name)]
public sealed class ClickHouseTickStoreTests(ChDbFixture engine) : TickStoreConformance
{
    protected override async Task<ITickStore> CreateStoreAsync()
    {
        var store = new ClickHouseTickStore(engine.ConnectionString());
        await store.EnsureSchemaAsync();
        return store;
    }
}
