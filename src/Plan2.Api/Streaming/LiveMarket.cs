using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Streams;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;
using Plan2.Grains;

namespace Plan2.Api.Streaming;

/// <summary>
/// This web process's one observer of the instruments its live clients asked for: quotes and bar closes
/// arrive pushed from each instrument grain (well under a millisecond) and are handed to every listener
/// (the SignalR hub and the WebSocket endpoint). Predictions come from the predictors' stream. Subscriptions are renewed before the grain drops them.
/// </summary>
public sealed class LiveMarket(IGrainFactory grains, IServiceProvider services, ILogger<LiveMarket> log) : BackgroundService, IInstrumentObserver
{
    private readonly ConcurrentDictionary<string, Task> _predictionStreams = new(StringComparer.Ordinal);
    private static readonly TimeSpan Renew = InstrumentDefaults.SubscriptionLifetime / 4;
    private readonly ConcurrentDictionary<string, byte> _symbols = new(StringComparer.Ordinal);
    private IInstrumentObserver? _reference;

    public event Action<QuoteView>? Quote;
    public event Action<BarView>? Bar;
    public event Action<PredictionView>? Prediction;

    /// <summary>Subscribes this process to a predictor's stream ("SYMBOL/TIMEFRAME"), once; decoupled, so a stream suits it.</summary>
    public Task WatchPredictionsAsync(string key) => _predictionStreams.GetOrAdd(key, k =>
        services.GetRequiredKeyedService<IStreamProvider>(StreamNames.Provider)
            .GetStream<PredictionView>(StreamId.Create(StreamNames.Predictions, k))
            .SubscribeAsync((prediction, _) =>
            {
                Prediction?.Invoke(prediction);
                return Task.CompletedTask;
            }));

    /// <summary>Makes sure the instrument pushes to this process (idempotent, cheap after the first call).</summary>
    public async Task WatchAsync(string symbol)
    {
        if (!_symbols.TryAdd(symbol, 0))
            return;
        _reference ??= grains.CreateObjectReference<IInstrumentObserver>(this);
        await grains.GetGrain<IInstrumentGrain>(symbol).SubscribeAsync(_reference);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Renew);
        while (await timer.WaitForNextTickAsync(stoppingToken))
            foreach (var symbol in _symbols.Keys)
                try
                {
                    await grains.GetGrain<IInstrumentGrain>(symbol).SubscribeAsync(_reference!);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "Renewing the live subscription to {Symbol} failed; trying again next round", symbol);
                }
    }

    Task IInstrumentObserver.OnQuoteAsync(QuoteView quote)
    {
        Quote?.Invoke(quote);
        return Task.CompletedTask;
    }

    Task IBarObserver.OnBarClosedAsync(BarView bar)
    {
        Bar?.Invoke(bar);
        return Task.CompletedTask;
    }
}
