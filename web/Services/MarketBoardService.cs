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
    /// <summary>An instrument's part of a refresh: a slow one (activating after its silo died) must not hold up the board.</summary>
    private static readonly TimeSpan InstrumentAnswerWithin = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, QuoteRow> _quotes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _subscribed = new(StringComparer.Ordinal);
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
                Error = await RefreshAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Error = e.Message;
                logger.LogDebug(e, "Market board refresh failed");
            }
            Changed?.Invoke();
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Refreshes the feeds and every instrument's row; null when all answered, else which did not.</summary>
    private async Task<string?> RefreshAsync()
    {
        Feeds = await grains.GetGrain<IMarketFeedGrain>(IMarketFeedGrain.Key).GetAllAsync();
        _reference ??= grains.CreateObjectReference<IInstrumentObserver>(this);
        var now = DateTimeOffset.UtcNow;
        var symbols = Feeds.SelectMany(f => f.Symbols).Concat(_quotes.Keys).Distinct(StringComparer.Ordinal).ToList();
        // Every instrument at once, each on its own: one that fails or is slow keeps its last row, the others refresh.
        var failures = (await Task.WhenAll(symbols.Select(s => RefreshOneAsync(s, _reference, now)))).OfType<string>().ToList();
        return failures.Count == 0 ? null : $"{failures.Count} instrument(s) did not answer: {string.Join("; ", failures)}";
    }

    /// <summary>Refreshes one instrument's row; null when it answered, else what went wrong.</summary>
    private async Task<string?> RefreshOneAsync(string symbol, IInstrumentObserver reference, DateTimeOffset now)
    {
        try
        {
            var grain = grains.GetGrain<IInstrumentGrain>(symbol);
            if (!_subscribed.TryGetValue(symbol, out var at) || now - at > Renew)
            {
                await Bounded(grain.SubscribeAsync(reference));
                _subscribed[symbol] = now;
            }
            var snapshot = grain.GetSnapshotAsync(1); // the last closed D1 bar is the reference for the day's change
            var recent = grains.GetGrain<IPredictorGrain>($"{symbol}/M1").GetRecentAsync(1);
            await Bounded(Task.WhenAll(snapshot, recent));
            var (shot, prediction) = (snapshot.Result, recent.Result.FirstOrDefault());
            _quotes.AddOrUpdate(symbol,
                _ => new QuoteRow(symbol, shot.LastQuote, null, shot.AcceptedTicks, shot.RejectedByReason, prediction, PreviousClose(shot)),
                (_, row) => row with
                {
                    Last = row.Last ?? shot.LastQuote, Accepted = shot.AcceptedTicks, Rejected = shot.RejectedByReason, Prediction = prediction,
                    PreviousClose = PreviousClose(shot) ?? row.PreviousClose,
                });
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogDebug(e, "Market board: instrument {Symbol} did not answer", symbol);
            return $"{symbol}: {(e is TimeoutException ? $"no answer within {InstrumentAnswerWithin.TotalSeconds:0} s" : e.Message)}";
        }
    }

    /// <summary>Waits at most <see cref="InstrumentAnswerWithin"/>; a call given up on is ignored (its late failure observed).</summary>
    private static async Task Bounded(Task call)
    {
        try
        {
            await call.WaitAsync(InstrumentAnswerWithin);
        }
        catch (TimeoutException)
        {
            call.Ignore();
            throw;
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
