using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Trading;

namespace Plan2.Grains.Tests.Operations;

[Collection(ClusterCollection.Name)]
public class GrainReferencesTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Cluster.GrainFactory;

    [Fact]
    public async Task Reference_IsTheOneOrleansMakes_AndCallsTheSameActivation()
    {
        var symbol = "R" + Guid.NewGuid().ToString("n")[..8].ToUpperInvariant();
        var made = Grains.GetGrain<IInstrumentGrain>(symbol);

        var reference = Grains.Reference<IInstrumentGrain>(symbol);
        await reference.PublishTicksAsync(new TickBatch(symbol, 0, [DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 1_000], [1.1], [1.1001]));

        Assert.Equal(made, reference);
        Assert.Equal(made.GetGrainId(), reference.GetGrainId());
        Assert.Equal(((GrainReference)(object)made).InterfaceType, ((GrainReference)(object)reference).InterfaceType);
        Assert.Equal(1.1m, (await made.GetQuoteAsync())?.Quote.Bid);
    }

    [Fact]
    public void Reference_TellsInterfacesApart()
    {
        // One identity per interface: a second interface must not get the first one's grain type.
        var instrument = Grains.Reference<IInstrumentGrain>("EURUSD");
        var order = Grains.Reference<IOrderGrain>("t/acc.o1");

        Assert.Equal(Grains.GetGrain<IInstrumentGrain>("EURUSD").GetGrainId(), instrument.GetGrainId());
        Assert.Equal(Grains.GetGrain<IOrderGrain>("t/acc.o1").GetGrainId(), order.GetGrainId());
        Assert.NotEqual(instrument.GetGrainId().Type, order.GetGrainId().Type);
    }

    [Fact]
    public void Reference_SkipsTheInterfaceLookup_ThatGetGrainRepeats()
    {
        // The reason the helper exists (Orleans 10.4 resolves the interface's identity on every GetGrain): if a later
        // Orleans caches it, this fails and the helper can go.
        Grains.Reference<IOrderGrain>("warm");
        Grains.GetGrain<IOrderGrain>("warm");
        var keys = Enumerable.Range(0, 1_000).Select(i => $"t/acc.o{i}").ToArray();

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var key in keys) Grains.GetGrain<IOrderGrain>(key);
        var getGrain = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var key in keys) Grains.Reference<IOrderGrain>(key);
        var reference = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(reference * 2 < getGrain, $"Reference allocated {reference} bytes for 1,000 references, GetGrain {getGrain}");
    }
}
