using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using Plan2.Abstractions.Predictions;
using Plan2.Grains;

namespace Plan2.Client.Tests;

/// <summary>Quotes pushed by the instrument grain and predictions from the predictions stream reach the SDK's enumerables.</summary>
[Collection(SdkClusterCollection.Name)]
public sealed class MarketStreamTests(SdkClusterFixture fixture)
{
    [Fact]
    public async Task QuotesAsync_YieldsEachNewQuote()
    {
        var (_, key) = await fixture.NewTenantAsync(Abstractions.Tenancy.UserRole.Viewer);
        await using var client = await fixture.ConnectAsync(key);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await using var quotes = client.QuotesAsync("AUDUSD", stop.Token).GetAsyncEnumerator(stop.Token);
        var next = quotes.MoveNextAsync().AsTask(); // subscribes
        // Orleans holds a client's observers weakly: the subscription must survive a collection.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // The subscription is in place once the first MoveNext has run up to its wait; publish until a quote arrives.
        for (var i = 0; !next.IsCompleted && i < 100; i++)
        {
            await fixture.PublishQuoteAsync("AUDUSD", 0.65000m + i * 0.00001m, 0.65010m + i * 0.00001m);
            await Task.WhenAny(next, Task.Delay(50));
        }

        Assert.True(await next);
        Assert.Equal("AUDUSD", quotes.Current.Symbol);
        Assert.InRange(quotes.Current.Bid, 0.65000m, 0.65100m);
        Assert.Equal(quotes.Current.Bid + 0.00010m, quotes.Current.Ask);
        Assert.Equal("AUDUSD", (await client.GetQuoteAsync("AUDUSD"))!.Symbol);
    }

    [Fact]
    public async Task PredictionsAsync_YieldsWhatThePredictorPublishes()
    {
        var (_, key) = await fixture.NewTenantAsync(Abstractions.Tenancy.UserRole.Viewer);
        await using var client = await fixture.ConnectAsync(key);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await using var predictions = client.PredictionsAsync("USDJPY", "M5", stop.Token).GetAsyncEnumerator(stop.Token);
        var next = predictions.MoveNextAsync().AsTask();
        var stream = fixture.SiloServices.GetRequiredKeyedService<IStreamProvider>(StreamNames.Provider)
            .GetStream<PredictionView>(StreamId.Create(StreamNames.Predictions, "USDJPY/M5"));

        for (var i = 0; !next.IsCompleted && i < 100; i++)
        {
            await stream.OnNextAsync(Prediction(i));
            await Task.WhenAny(next, Task.Delay(100));
        }

        Assert.True(await next);
        Assert.Equal(("USDJPY", "M5", 0.7), (predictions.Current.Symbol, predictions.Current.Timeframe, predictions.Current.ProbabilityUp));
    }

    [Fact]
    public void StreamNames_MatchTheSilos()
    {
        Assert.Equal(StreamNames.Provider, Plan2Client.StreamProvider);
        Assert.Equal(StreamNames.Predictions, Plan2Client.PredictionsNamespace);
    }

    private static PredictionView Prediction(int bar) => new("USDJPY", "M5", 1_700_000_000_000 + bar * 300_000L, 0.7, 1, 0.4, "trend",
        [], 100, 0.5, 0, new Dictionary<string, double>(), [], "v1", null, 0, 0);
}
