using Plan2.Core.MarketData;
using Plan2.Storage.DuckDb;
using Plan2.Storage.Tests.Conformance;
using Plan2.Storage.Ticks;

namespace Plan2.Storage.Tests.DuckDb;

/// <summary>The conformance suite on the embedded engine, a fresh file per test; plus what is DuckDB's own.</summary>
public sealed class DuckDbTickStoreTests : TickStoreConformance, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("plan2-duckdb-").FullName;

    protected override async Task<ITickStore> CreateStoreAsync() =>
        await DuckDbTickStore.OpenAsync(Path.Combine(_dir, Guid.NewGuid().ToString("n") + ".duckdb"));

    [Fact]
    public async Task Ticks_SurviveClosingAndReopeningTheFile()
    {
        var path = Path.Combine(_dir, "reopen.duckdb");
        await using (var store = await DuckDbTickStore.OpenAsync(path))
            await store.AppendTicksAsync("EURUSD", Sequence(new Tick(T0, P("1.1"), P("1.2"))));

        await using var reopened = await DuckDbTickStore.OpenAsync(path);

        Assert.Single(await ToListAsync(reopened.ReadTicksAsync("EURUSD", T0, T0 + 1)));
    }

    [Fact]
    public async Task Writing_WhileReading_DoesNotWaitForTheReaderToFinish()
    {
        await using var store = await DuckDbTickStore.OpenAsync(Path.Combine(_dir, "rw.duckdb"));
        await store.AppendTicksAsync("READ", Sequence(new Tick(T0, P("1.1"), P("1.2")), new Tick(T0 + 1, P("1.1"), P("1.2"))));

        var copied = 0;
        await foreach (var tick in store.ReadTicksAsync("READ", T0, T0 + 10))
            copied += await store.AppendTicksAsync("COPY", Sequence(tick with { TimeMs = tick.TimeMs + copied }));

        Assert.Equal(2, copied);
    }

    [Fact]
    public async Task APriceBeyondDecimal18_8_IsRefused_AndNothingOfThatWriteIsStored()
    {
        await using var store = await DuckDbTickStore.OpenAsync(Path.Combine(_dir, "range.duckdb"));
        var fine = Sequence(new Tick(T0, P("1.1"), P("1.2")));
        var tooLarge = Sequence(new Tick(T0, P("20000000000"), P("20000000001"))); // DECIMAL(18,8) stops below 1e10

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            store.AppendManyAsync([new TickRun("FINE", fine), new TickRun("HUGE", tooLarge)], []));

        Assert.Contains("10 000 000 000", error.Message);
        Assert.Empty(await store.ListSeriesAsync()); // one transaction: a retry starts from nothing stored
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
