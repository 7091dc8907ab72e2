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
    private readonly ConcurrentDictionary<string, Lazy<Task>> _predictionStreams = new(StringComparer.Ordinal);
    private static readonly TimeSpan Renew = InstrumentDefaults.SubscriptionLifetime / 4;
    private readonly ConcurrentDictionary<string, Lazy<Task>> _symbols = new(StringComparer.Ordinal);
    private IInstrumentObserver? _reference;

    public event Action<QuoteView>? Quote;
    public event Action<BarView>? Bar;
    public event Action<PredictionView>? Prediction;

    /// <summary>
    /// Subscribes this process to a predictor's stream ("SYMBOL/TIMEFRAME"), once; decoupled, so a stream suits it.
    /// A subscription that failed is forgotten, so the next subscriber tries again rather than meeting the old failure.
    /// </summary>
    public Task WatchPredictionsAsync(string key) => OnceAsync(_predictionStreams, key, async k =>
    {
        await services.GetRequiredKeyedService<IStreamProvider>(StreamNames.Provider)
            .GetStream<PredictionView>(StreamId.Create(StreamNames.Predictions, k))
            .SubscribeAsync((prediction, _) =>
            {
                Prediction?.Invoke(prediction);
                return Task.CompletedTask;
            });
    });

    /// <summary>
    /// Makes sure the instrument pushes to this process (idempotent, cheap after the first call). Callers at the same
    /// time share the one subscription; one that failed (the grain threw) is forgotten, so a later call retries.
    /// </summary>
    public Task WatchAsync(string symbol) => OnceAsync(_symbols, symbol, s =>
    {
        // One reference for the process: two first subscriptions at once must not each make one (renewal keeps only the
        // last, and a grain holding both would push every quote twice until the other expired).
        var reference = Volatile.Read(ref _reference);
        if (reference is null)
        {
            var made = grains.CreateObjectReference<IInstrumentObserver>(this);
            reference = Interlocked.CompareExchange(ref _reference, made, null) ?? made;
            if (!ReferenceEquals(reference, made))
                grains.DeleteObjectReference<IInstrumentObserver>(made);
        }
        return grains.GetGrain<IInstrumentGrain>(s).SubscribeAsync(reference);
    });

    internal bool IsWatching(string symbol) => _symbols.ContainsKey(symbol);

    internal bool IsWatchingPredictions(string key) => _predictionStreams.ContainsKey(key);

    private static Task OnceAsync(ConcurrentDictionary<string, Lazy<Task>> started, string key, Func<string, Task> subscribe)
    {
        var attempt = started.GetOrAdd(key, k => new Lazy<Task>(() => subscribe(k)));
        Task subscribed;
        try
        {
            subscribed = attempt.Value;
        }
        catch (Exception e) // thrown before the first await
        {
            subscribed = Task.FromException(e);
        }
        return subscribed.IsCompletedSuccessfully ? subscribed : ForgetIfFailedAsync(started, key, attempt, subscribed);
    }

    private static async Task ForgetIfFailedAsync(ConcurrentDictionary<string, Lazy<Task>> started, string key, Lazy<Task> attempt, Task subscribed)
    {
        try
        {
            await subscribed;
        }
        catch
        {
            started.TryRemove(new KeyValuePair<string, Lazy<Task>>(key, attempt)); // only this attempt: a newer one may be on its way
            throw;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Renew);
        while (await timer.WaitForNextTickAsync(stoppingToken))
            foreach (var (symbol, subscribed) in _symbols)
                try
                {
                    if (subscribed.IsValueCreated && subscribed.Value.IsCompletedSuccessfully)
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
