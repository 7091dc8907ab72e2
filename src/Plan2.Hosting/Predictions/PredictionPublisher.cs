using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Plan2.Abstractions.Predictions;
using Plan2.Grains;
using Plan2.Grains.Predictions;

namespace Plan2.Hosting.Predictions;

/// <summary>Drains queued predictions onto the predictions stream, in order, outside any grain turn.</summary>
public sealed class PredictionPublisher(IServiceProvider services, ILogger<PredictionPublisher> logger) : BackgroundService, IPredictionPublisher
{
    private readonly Channel<(string Key, PredictionView Prediction)> _queue =
        Channel.CreateUnbounded<(string, PredictionView)>(new UnboundedChannelOptions { SingleReader = true });

    public void Publish(string key, PredictionView prediction) => _queue.Writer.TryWrite((key, prediction));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var provider = services.GetRequiredKeyedService<IStreamProvider>(StreamNames.Provider);
        await foreach (var (key, prediction) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await provider.GetStream<PredictionView>(StreamId.Create(StreamNames.Predictions, key)).OnNextAsync(prediction);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Prediction for {Key} could not be put on the stream", key);
            }
        }
    }
}
