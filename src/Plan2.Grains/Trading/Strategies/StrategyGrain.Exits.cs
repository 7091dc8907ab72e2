using Plan2.Abstractions.MarketData;
using Plan2.Grains.Trading.Orders;

namespace Plan2.Grains.Trading.Strategies;

/// <summary>A strategy grain as a listener to its instrument's ticks (while it holds a stop or take-profit).</summary>
[Alias("plan2.IStrategyTickSink")]
public interface IStrategyTickSink : IGrainWithStringKey, ITickObserver;

// Stop and take-profit, live: while the target is held with an exit level, the strategy listens to every tick of
// its symbol, as the backtester's runner sees every quote, and when one reaches a level it closes at once.
public sealed partial class StrategyGrain : IStrategyTickSink
{
    private static readonly TimeSpan QuoteRenewal = TimeSpan.FromSeconds(60); // inside the instrument's subscription lifetime
    private IGrainTimer? _quoteRenewal;
    private long _lastQuoteMs = long.MinValue;

    async Task ITickObserver.OnTicksAsync(IReadOnlyList<QuoteView> ticks)
    {
        if (_strategy is { TargetLots: not 0m } strategy)
            foreach (var quote in ticks)
            {
                if (quote.TimeUnixMs < _lastQuoteMs)
                    continue; // a late batch: its prices are past
                _lastQuoteMs = quote.TimeUnixMs;
                if (!strategy.OnQuote(quote.ToTick()))
                    continue;
                await MoveAllAsync(strategy, "x" + quote.TimeUnixMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            }
        await WatchQuotesAsync();
    }

    /// <summary>Listens to the instrument's ticks exactly while the target has a stop or take-profit level.</summary>
    private async Task WatchQuotesAsync()
    {
        var wanted = _strategy is { TargetLots: not 0m } s && (s.StopPrice is not null || s.TakeProfitPrice is not null);
        if (wanted == _quoteRenewal is not null)
            return;
        var instrument = GrainFactory.GetGrain<IInstrumentGrain>(Symbol);
        var me = this.AsReference<IStrategyTickSink>();
        if (wanted)
        {
            _quoteRenewal = this.RegisterGrainTimer(_ => instrument.SubscribeTicksAsync(me), new GrainTimerCreationOptions(QuoteRenewal, QuoteRenewal) { KeepAlive = true });
            await instrument.SubscribeTicksAsync(me);
        }
        else
        {
            _quoteRenewal!.Dispose();
            _quoteRenewal = null;
            await instrument.UnsubscribeTicksAsync(me);
        }
    }
}
