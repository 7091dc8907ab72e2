using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;

namespace Plan2.Client;

public sealed partial class Plan2Client
{
    /// <summary>A subscriber that falls this far behind loses the oldest quotes, never the newest.</summary>
    private const int Backlog = 1024;

    /// <summary>The instrument's last quote, null before its first tick.</summary>
    public async Task<QuoteView?> GetQuoteAsync(string symbol) =>
        (await WithGrantAsync(() => Cluster.GetGrain<IInstrumentGrain>(Symbol(symbol)).GetQuoteAsync()))?.Quote;

    /// <summary>The newest predictions of a symbol and timeframe, newest first.</summary>
    public Task<IReadOnlyList<PredictionView>> GetPredictionsAsync(string symbol, string timeframe = "M1", int count = 10) =>
        WithGrantAsync(() => Cluster.GetGrain<IPredictorGrain>($"{Symbol(symbol)}/{timeframe}").GetRecentAsync(count));

    /// <summary>
    /// Every quote of the instrument from now on, pushed by the instrument grain (an observer: no polling), until
    /// <paramref name="cancellationToken"/> ends it. The subscription is renewed before the grain would drop it.
    /// </summary>
    public async IAsyncEnumerable<QuoteView> QuotesAsync(string symbol, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var instrument = Cluster.GetGrain<IInstrumentGrain>(Symbol(symbol));
        var channel = Channel.CreateBounded<QuoteView>(new BoundedChannelOptions(Backlog) { FullMode = BoundedChannelFullMode.DropOldest });
        // Orleans holds a client's observer weakly: this local keeps it alive for as long as the caller enumerates.
        var observer = new QuoteObserver(channel.Writer);
        var reference = Cluster.CreateObjectReference<IInstrumentObserver>(observer);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        await WithGrantAsync(async () => { await instrument.SubscribeAsync(reference); return 0; });
        var renewal = RenewSubscriptionAsync(instrument, reference, stop.Token);
        try
        {
            await foreach (var quote in channel.Reader.ReadAllAsync(stop.Token))
                yield return quote;
        }
        finally
        {
            await stop.CancelAsync();
            await renewal;
            try { await instrument.UnsubscribeAsync(reference); } catch (Exception) { /* the grain drops it when it expires anyway */ }
            Cluster.DeleteObjectReference<IInstrumentObserver>(reference);
            GC.KeepAlive(observer);
        }
    }

    /// <summary>Every prediction the symbol's predictor publishes for the timeframe from now on (the predictions stream).</summary>
    public async IAsyncEnumerable<PredictionView> PredictionsAsync(string symbol, string timeframe = "M1",
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var stream = _host.Services.GetRequiredKeyedService<IStreamProvider>(StreamProvider)
            .GetStream<PredictionView>(StreamId.Create(PredictionsNamespace, $"{Symbol(symbol)}/{timeframe}"));
        var channel = Channel.CreateBounded<PredictionView>(new BoundedChannelOptions(Backlog) { FullMode = BoundedChannelFullMode.DropOldest });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        var handle = await WithGrantAsync(() => stream.SubscribeAsync((prediction, _) =>
        {
            channel.Writer.TryWrite(prediction);
            return Task.CompletedTask;
        }));
        try
        {
            await foreach (var prediction in channel.Reader.ReadAllAsync(stop.Token))
                yield return prediction;
        }
        finally
        {
            try { await handle.UnsubscribeAsync(); } catch (Exception) { /* disconnected: nothing left to undo */ }
        }
    }

    private static async Task RenewSubscriptionAsync(IInstrumentGrain instrument, IInstrumentObserver reference, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(InstrumentDefaults.SubscriptionLifetime / 4);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
                try { await instrument.SubscribeAsync(reference); } catch (Exception) when (!stop.IsCancellationRequested) { /* next round */ }
        }
        catch (OperationCanceledException) { }
    }

    private static string Symbol(string symbol) =>
        !string.IsNullOrWhiteSpace(symbol) && symbol.Length <= 32 && symbol.All(char.IsAsciiLetterOrDigit)
            ? symbol.ToUpperInvariant()
            : throw new ArgumentException($"'{symbol}' is not a symbol (letters and digits, e.g. EURUSD).", nameof(symbol));

    private sealed class QuoteObserver(ChannelWriter<QuoteView> quotes) : IInstrumentObserver
    {
        public Task OnQuoteAsync(QuoteView quote)
        {
            quotes.TryWrite(quote);
            return Task.CompletedTask;
        }

        public Task OnBarClosedAsync(BarView bar) => Task.CompletedTask;
    }
}
