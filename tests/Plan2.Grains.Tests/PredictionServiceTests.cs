using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Plan2.Abstractions.MarketData;
using Plan2.Hosting.Predictions;

namespace Plan2.Grains.Tests;

[Collection(ClusterCollection.Name)]
public class PredictionServiceTests(ClusterFixture fixture)
{
    [Fact]
    public async Task AFailingRound_IsLoggedOnce_NotSwallowed_NorRepeatedEveryRound()
    {
        var symbol = "S" + Guid.NewGuid().ToString("n")[..8].ToUpperInvariant();
        await fixture.Cluster.GrainFactory.GetGrain<IMarketFeedGrain>(IMarketFeedGrain.Key).ReportAsync(new FeedHealth(
            "test-" + symbol, "replay", "test", [symbol], 0, 0, 0, new Dictionary<string, long>(), null, null, DateTimeOffset.UtcNow));
        var logger = new RecordingLogger<PredictionService>();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // A timeframe no predictor accepts: every round fails the same way.
        var service = new PredictionService(fixture.Cluster.GrainFactory, new PredictionOptions { Timeframes = ["M7"] }, clock, logger);

        await service.StartAsync(CancellationToken.None);
        for (var i = 0; i < 200 && logger.Warnings.Count == 0; i++)
            await Task.Delay(25);
        for (var round = 0; round < 3; round++)
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(300);
        }
        await service.StopAsync(CancellationToken.None);

        var warning = Assert.Single(logger.Warnings);
        Assert.Contains("M7", warning.Exception?.ToString());
    }

    private sealed class RecordingLogger<T> : ILogger<T>
    {
        private readonly List<(string Text, Exception? Exception)> _warnings = [];

        public IReadOnlyList<(string Text, Exception? Exception)> Warnings { get { lock (_warnings) return _warnings.ToList(); } }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
                lock (_warnings) _warnings.Add((formatter(state, exception), exception));
        }
    }
}
