using Plan2.Core.Backtesting;
using Plan2.Core.Execution;
using Plan2.Core.Strategies;
using Plan2.Core.Trading.Positions;
using static Plan2.Core.Tests.Trading.TestMarket;

namespace Plan2.Core.Tests.Backtesting;

public class BacktestMetricsTests
{
    private static ClosedTrade Trade(decimal gross, decimal commission, decimal swap = 0m) =>
        new(1, "EURUSD", PositionSide.Long, 1m, T0, 1.1m, T0, 1.1m, gross, commission, swap, TargetReason.Signal);

    private static EquityPoint At(int day, decimal equity) => new(T0.AddDays(day).ToUnixTimeMilliseconds(), equity);

    [Fact]
    public void Compute_FromTradesAndEquity_ByHand()
    {
        EquityPoint[] equity = [At(0, 1_100m), At(1, 990m), At(2, 1_045m)];
        ClosedTrade[] trades = [Trade(60m, 7m), Trade(-20m, 7m, -1m), Trade(20m, 7m)];

        var m = BacktestMetrics.Compute(1_000m, equity, trades);

        Assert.Equal(0.045, m.TotalReturn, 12); // 1,045 / 1,000 − 1
        Assert.Equal(0.1, m.MaxDrawdown, 12); // 1,100 → 990
        Assert.Equal((60m, 21m, -1m, 38m), (m.GrossPnl, m.Commissions, m.Swap, m.NetPnl));
        Assert.Equal(2.0 / 3, m.WinRate, 12); // 53 and 13 won, −28 lost
        Assert.Equal(66.0 / 28, m.ProfitFactor, 12);
        Assert.False(m.LosesAfterCosts);
        // daily returns 0.1, −0.1, 0.0555…: mean 0.018518…, sd 0.1031…, × √252
        double[] r = [0.1, -0.1, 55.0 / 990];
        var mean = r.Average();
        var sd = Math.Sqrt(r.Sum(x => (x - mean) * (x - mean)) / 2);
        Assert.Equal(mean / sd * Math.Sqrt(252), m.Sharpe, 9);
    }

    [Fact]
    public void Sharpe_FromAFewDays_SaysItRestsOnTooFew_AndFromAMonth_SaysNothing()
    {
        var few = BacktestMetrics.Compute(1_000m, [At(0, 990m), At(0, 995m), At(1, 980m), At(2, 985m)], []);
        var month = BacktestMetrics.Compute(1_000m, [.. Enumerable.Range(0, 21).Select(d => At(d, 1_000m + d % 3))], []);

        Assert.Equal(3, few.SharpeDays); // one return per UTC day, the day's last point
        Assert.Equal("from 3 daily returns: too few to mean much", few.SharpeCaveat);
        Assert.Equal(21, month.SharpeDays);
        Assert.Equal("", month.SharpeCaveat);
        Assert.EndsWith(" (from 3 daily returns: too few to mean much)", few.SharpeText);
        Assert.Equal(month.Sharpe.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), month.SharpeText);
    }

    [Fact]
    public void ProfitableBeforeCosts_LosingAfter_IsSaidSo()
    {
        var m = BacktestMetrics.Compute(1_000m, [At(0, 997m)], [Trade(4m, 7m)]);

        Assert.True(m.WinsBeforeCosts);
        Assert.True(m.LosesAfterCosts);
        Assert.Equal(0.0, m.WinRate);
    }
}
