using Plan2.Core.Backtesting;
using Plan2.Core.Execution;
using Plan2.Core.MarketData;
using Plan2.Core.Risk;
using Plan2.Core.Strategies;
using Plan2.Core.Trading.Instruments;
using Plan2.Core.Trading.Money;

namespace Plan2.Backtesting;

/// <summary>Builds the pipeline of one run from its options: instrument, venue, account, strategy, runner, backtester.</summary>
public static class BacktestSetup
{
    public static readonly string[] Strategies = [AiStrategy.Name, SmaCrossStrategy.Name, RsiReversionStrategy.Name];

    /// <summary>Risk as an account would have it, with confidence scaling from 0.25 so that a 3-of-4 model majority (confidence 0.5) trades a third of the size.</summary>
    public static RiskLimits Limits(BacktestOptions o) => RiskLimits.Default with
    {
        ConfidenceFloor = 0.25,
        MaxOrderLots = Math.Max(RiskLimits.Default.MaxOrderLots, o.Lots),
        MaxPositionLots = Math.Max(RiskLimits.Default.MaxPositionLots, o.Lots),
    };

    public static (Backtester Backtester, Price Spread) Create(string symbol, Price firstPrice, BacktestOptions o, IPredictionSource? predictions, Timeframe timeframe)
    {
        var instrument = BacktestInstruments.ForPair(symbol, firstPrice, o);
        var catalog = new InstrumentCatalog([instrument]);
        CheckConvertible(instrument, firstPrice, o.AccountCurrency);
        var limits = Limits(o);
        var venue = new PaperVenue(new PaperFillSettings
        {
            CommissionPerLot = o.CommissionPerLot, SlippageTicks = o.SlippageTicks, Latency = TimeSpan.FromMilliseconds(o.LatencyMs), DepthPerQuote = o.DepthLots,
        }, catalog);
        var account = new TradingAccount("BACKTEST", o.AccountCurrency, o.InitialBalance, limits);
        var settings = new StrategySettings
        {
            StrategyId = o.Strategy, Symbol = symbol, Timeframe = timeframe, Lots = o.Lots, HoldBars = o.HoldBars, StopAtr = o.StopAtr, TakeProfitAtr = o.TakeProfitAtr,
        };
        Strategy strategy = o.Strategy switch
        {
            AiStrategy.Name => new AiStrategy(settings, new AiStrategySettings
            {
                LongAbove = o.LongAbove, ShortBelow = o.ShortBelow, MinConfidence = o.MinConfidence, ConfidenceFloor = limits.ConfidenceFloor,
            }, instrument),
            SmaCrossStrategy.Name => new SmaCrossStrategy(settings, instrument),
            RsiReversionStrategy.Name => new RsiReversionStrategy(settings, instrument),
            _ => throw new BacktestException($"Unknown strategy '{o.Strategy}': one of {string.Join(", ", Strategies)}."),
        };
        var runner = new StrategyRunner(strategy, account, venue, catalog);
        var engine = new InstrumentEngine(symbol, TickValidationOptions.Default, TimeProvider.System);
        return (new Backtester(engine, venue, runner, predictions), BacktestInstruments.Pips(instrument, o.SpreadPips));
    }

    /// <summary>Only the traded pair's quotes exist in a backtest: its quote currency must convert to the account's with them.</summary>
    private static void CheckConvertible(Instrument instrument, Price price, string accountCurrency)
    {
        if (!CurrencyConverter.AtQuote(instrument.Symbol, new Tick(0, price, price)).TryGetRate(instrument.QuoteCurrency, accountCurrency, out _))
            throw new BacktestException($"{instrument.Symbol} P&L is in {instrument.QuoteCurrency}, which its own quotes cannot convert to {accountCurrency}: " +
                $"pass --account-currency {instrument.QuoteCurrency} (or {instrument.BaseCurrency}).");
    }
}
