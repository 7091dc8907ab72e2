using System.Diagnostics;
using Plan2.Core.MarketData;
using Plan2.Core.Risk;
using Plan2.Core.Trading.Accounts;
using Plan2.Core.Trading.Money;
using Plan2.Core.Trading.Orders;
using Plan2.Core.Trading.Positions;
using Plan2.Grains.Trading;

namespace Plan2.Cli.Bench;

/// <summary>
/// risk_ns: what the account grain runs per order in Core, timed alone: the account's risk state from its
/// ledger (net position, exposure and P&amp;L marked to the quotes) and every check of the risk chain,
/// for an approved AI order on an account holding a position. Best of several passes.
/// </summary>
internal static class RiskChainBench
{
    public static double NanosecondsPerOrder()
    {
        var catalog = TradingInstruments.Default;
        catalog.TryGet("EURUSD", out var instrument);
        var now = DateTimeOffset.UtcNow;
        var quote = new Tick(now.ToUnixTimeMilliseconds(), Price.FromDecimal(1.10000m), Price.FromDecimal(1.10010m));
        var quotes = new QuoteBoard();
        quotes.Set("EURUSD", quote);
        var ledger = new AccountLedger("acc", AccountMode.Netting, "USD");
        ledger.Deposit(100_000m);
        ledger.BookFill(new Fill("t1", "o1", "EURUSD", OrderSide.Buy, 1m, quote.Ask, now), instrument!, quote);
        var limits = RiskLimits.Default with { MaxSubmitsPerWindow = int.MaxValue / 2 };
        var order = new OrderRequest
        {
            ClientOrderId = "c1", AccountId = "acc", Symbol = "EURUSD", Side = OrderSide.Buy, Quantity = 2m,
            Type = OrderType.Limit, LimitPrice = Price.FromDecimal(1.10005m), Confidence = 0.9, StrategyId = "s",
        };
        const int n = 200_000;
        var best = double.MaxValue;
        for (var pass = 0; pass < 5; pass++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < n; i++)
            {
                var context = new RiskContext
                {
                    Limits = limits, Instrument = instrument!, SubmitWindow = ledger.SubmitWindow,
                    Account = ledger.RiskState("EURUSD", catalog, quotes, now), LastQuote = quote, Now = now, QuoteToAccountRate = 1m,
                };
                if (!RiskEngine.Evaluate(order, in context).IsApproved)
                    throw new InvalidOperationException("The benchmark order should pass risk.");
            }
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalNanoseconds / n);
        }
        return best;
    }
}
