using System.Collections.Concurrent;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;

namespace Plan2.Web.Services;

/// <summary>
/// The dashboard's live market view, shared by every open page: it observes each instrument the
/// feeds report (quotes arrive pushed, at most one per tick batch), renews those subscriptions, and
/// polls feed health and reject counts once a second. Pages listen to <see cref="Changed"/>.
/// </summary>
public sealed class MarketBoardService(IGrainFactory grains, ILogger<MarketBoardService> logger) : BackgroundService, IInstrumentObserver
{
    private static readonly TimeSpan Renew = InstrumentDefaults.SubscriptionLifetime / 4;
    private readonly ConcurrentDictionary<string, QuoteRow> _quotes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _subscribed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Sparkline> _sparklines = new(StringComparer.Ordinal);
    private IInstrumentObserver? _reference;

    public event Action? Changed;

    public IReadOnlyList<FeedHealth> Feeds { get; private set; } = [];
    public IReadOnlyList<QuoteRow> Quotes => [.. _quotes.Values.OrderBy(q => q.Symbol, StringComparer.Ordinal)];
    public string? Error { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            try
            {
                await RefreshAsync();
                Error = null;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Error = e.Message;
                logger.LogDebug(e, "Market board refresh failed");
            }
            Changed?.Invoke();
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RefreshAsync()
    {
        Feeds = await grains.GetGrain<IMarketFeedGrain>(IMarketFeedGrain.Key).GetAllAsync();
        _reference ??= grains.CreateObjectReference<IInstrumentObserver>(this);
        var now = DateTimeOffset.UtcNow;
        foreach (var symbol in Feeds.SelectMany(f => f.Symbols).Concat(_quotes.Keys).Distinct(StringComparer.Ordinal).ToList())
        {
            var grain = grains.GetGrain<IInstrumentGrain>(symbol);
            if (!_subscribed.TryGetValue(symbol, out var at) || now - at > Renew)
            {
                await grain.SubscribeAsync(_reference);
                _subscribed[symbol] = now;
            }
            var snapshot = await grain.GetSnapshotAsync(1); // the last closed D1 bar is the reference for the day's change
            var prediction = (await grains.GetGrain<IPredictorGrain>($"{symbol}/M1").GetRecentAsync(1)).FirstOrDefault();
            _quotes.AddOrUpdate(symbol,
                _ => new QuoteRow(symbol, snapshot.LastQuote, null, snapshot.AcceptedTicks, snapshot.RejectedByReason, prediction, PreviousClose(snapshot)),
                (_, row) => row with
                {
                    Last = row.Last ?? snapshot.LastQuote, Accepted = snapshot.AcceptedTicks, Rejected = snapshot.RejectedByReason, Prediction = prediction,
                    PreviousClose = PreviousClose(snapshot) ?? row.PreviousClose,
                });
        }
    }

    /// <summary>Recent mid prices of a symbol for its sparkline, oldest first.</summary>
    public IReadOnlyList<decimal> Sparkline(string symbol) => _sparklines.TryGetValue(symbol, out var line) ? line.Points() : [];

    private static decimal? PreviousClose(InstrumentSnapshot snapshot) =>
        snapshot.RecentBars.TryGetValue("D1", out var days) && days.Count > 0 ? days[^1].Close : null;

    Task IInstrumentObserver.OnQuoteAsync(QuoteView quote)
    {
        _sparklines.GetOrAdd(quote.Symbol, _ => new Sparkline()).Add(quote);
        _quotes.AddOrUpdate(quote.Symbol,
            _ => new QuoteRow(quote.Symbol, quote, null, 0, new Dictionary<string, long>(), null),
            // Observer calls are not ordered: never let an older quote replace a newer one.
            (_, row) => row.Last is { } last && last.TimeUnixMs > quote.TimeUnixMs ? row : row with { Previous = row.Last, Last = quote });
        Changed?.Invoke();
        return Task.CompletedTask;
    }

    Task IBarObserver.OnBarClosedAsync(BarView bar) => Task.CompletedTask;
}

/// <summary>One instrument on the board; Previous lets the page show which way the price moved.</summary>
public sealed record QuoteRow(string Symbol, QuoteView? Last, QuoteView? Previous, long Accepted, IReadOnlyDictionary<string, long> Rejected,
    PredictionView? Prediction, decimal? PreviousClose = null)
{
    public int Direction => Last is null || Previous is null ? 0 : Math.Sign(Last.Bid - Previous.Bid);

    /// <summary>Bid against the last closed day's close (candles are built from bids), null before both are known.</summary>
    public decimal? Change => Last is null || PreviousClose is not { } close ? null : Last.Bid - close;

    public double? ChangePercent => Change is { } change && PreviousClose is { } close && close != 0m ? (double)(change / close) : null;
}
