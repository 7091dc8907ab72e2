using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;
using Plan2.Grains;
using Plan2.Grains.Predictions;
using Plan2.Grains.Trading.Strategies;

namespace Plan2.Hosting.Predictions;

/// <summary>
/// Drains queued predictions, in order and outside any grain turn, onto the predictions stream and to the
/// strategies that trade them (the roster of the same key); the next prediction waits for the strategies to
/// have taken this one, so a strategy sees its bars in order.
/// </summary>
public sealed class PredictionPublisher(IServiceProvider services, ILogger<PredictionPublisher> logger) : BackgroundService, IPredictionPublisher
{
    private readonly Channel<(string Key, PredictionView Prediction, BarView Bar)> _queue =
        Channel.CreateUnbounded<(string, PredictionView, BarView)>(new UnboundedChannelOptions { SingleReader = true });

    public void Publish(string key, PredictionView prediction, BarView bar) => _queue.Writer.TryWrite((key, prediction, bar));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var provider = services.GetRequiredKeyedService<IStreamProvider>(StreamNames.Provider);
        var grains = services.GetRequiredService<IGrainFactory>();
        await foreach (var (key, prediction, bar) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await provider.GetStream<PredictionView>(StreamId.Create(StreamNames.Predictions, key)).OnNextAsync(prediction);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Prediction for {Key} could not be put on the stream", key);
            }
            try
            {
                await grains.GetGrain<IStrategyRosterGrain>(key).DeliverAsync(bar, prediction);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Prediction for {Key} could not be handed to its strategies", key);
            }
        }
    }
}
