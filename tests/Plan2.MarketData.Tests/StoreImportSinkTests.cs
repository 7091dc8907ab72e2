using System.Text;
using Microsoft.Extensions.Time.Testing;
using Plan2.Core.MarketData;
using Plan2.MarketData.Import;
using Plan2.Storage.DuckDb;

namespace Plan2.MarketData.Tests;

/// <summary>Imports into the real embedded store: the bars and the coarser candles built from them.</summary>
public sealed class StoreImportSinkTests : IDisposable
{
    private static readonly TimeProvider Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero));
    private readonly string _dir = Directory.CreateTempSubdirectory("plan2-sink-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>M1 bars of 2024-03-04 from <paramref name="fromMinute"/> to <paramref name="toMinute"/> (exclusive), mt-bars format.</summary>
    private static string Day(int fromMinute, int toMinute)
    {
        var text = new StringBuilder();
        for (var m = fromMinute; m < toMinute; m++)
        {
            var price = 1.1 + m * 0.00001;
            text.Append($"2024-03-04 {m / 60:00}:{m % 60:00},{price:0.00000},{price + 0.0002:0.00000},{price - 0.0002:0.00000},{price + 0.00001:0.00000},5\n");
        }
        return text.ToString();
    }

    private static async Task ImportAsync(DuckDbTickStore store, string text)
    {
        var sink = new StoreImportSink(store, "EURUSD", Timeframe.M1);
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await MarketDataImporter.RunAsync(stream, new ImportSettings(ImportFormat.MtBars, "EURUSD", TimeSpan.Zero), sink, Clock);
    }

    private static async Task<List<Candle>> CandlesAsync(DuckDbTickStore store, Timeframe tf)
    {
        var list = new List<Candle>();
        await foreach (var c in store.ReadCandlesAsync("EURUSD", tf, 0, new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds()))
            list.Add(c);
        return list;
    }

    [Fact]
    public async Task AFullDay_GivesItsD1AndH1Candles()
    {
        await using var store = await DuckDbTickStore.OpenAsync(Path.Combine(_dir, "a.duckdb"));

        await ImportAsync(store, Day(0, 1440));

        var d1 = Assert.Single(await CandlesAsync(store, Timeframe.D1));
        Assert.Equal(1440, (await CandlesAsync(store, Timeframe.M1)).Count);
        Assert.Equal(24, (await CandlesAsync(store, Timeframe.H1)).Count);
        Assert.Equal(Price.Parse("1.1"), d1.Open);
        Assert.Equal(1440 * 5, d1.TickCount);
    }

    [Fact]
    public async Task APartialImport_DoesNotReplaceTheCompleteCandlesOfEarlierImports()
    {
        await using var store = await DuckDbTickStore.OpenAsync(Path.Combine(_dir, "b.duckdb"));
        await ImportAsync(store, Day(0, 1440));
        var complete = Assert.Single(await CandlesAsync(store, Timeframe.D1));

        await ImportAsync(store, Day(750, 900)); // 12:30 to 15:00: starts inside an hour and inside the day

        Assert.Equal(complete, Assert.Single(await CandlesAsync(store, Timeframe.D1)));
        var h12 = (await CandlesAsync(store, Timeframe.H1)).Single(c => c.OpenTime.Hour == 12);
        Assert.Equal(Price.Parse("1.1072"), h12.Open); // 12:00's open from the full import, not 12:30's
        Assert.Equal(24, (await CandlesAsync(store, Timeframe.H1)).Count);
    }
}
