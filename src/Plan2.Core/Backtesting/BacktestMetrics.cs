using Plan2.Core.Execution;

namespace Plan2.Core.Backtesting;

/// <summary>
/// The figures of one run, all after costs. Returns and drawdowns are fractions (0.05 = 5 %).
/// Sharpe is annualised from daily returns (equity at the last bar of each UTC day, √252, no
/// risk-free rate), 0 with fewer than two days or no variation; <see cref="SharpeDays"/> says from how many.
/// </summary>
public sealed record BacktestMetrics(
    decimal InitialEquity,
    decimal FinalEquity,
    double TotalReturn,
    double MaxDrawdown,
    double Sharpe,
    int Trades,
    double WinRate,
    decimal GrossPnl,
    decimal Commissions,
    decimal Swap,
    decimal NetPnl,
    double ProfitFactor,
    int SharpeDays = 0)
{
    /// <summary>
    /// Fewer daily returns than a month of trading days: the annualised Sharpe then swings wildly (a two-day run read
    /// −68) and is shown with that said.
    /// </summary>
    public const int FewSharpeDays = 21;

    /// <summary>What to write beside the Sharpe ratio: nothing, or that it rests on too few days.</summary>
    public string SharpeCaveat => SharpeDays >= FewSharpeDays ? "" : $"from {SharpeDays} daily returns: too few to mean much";

    /// <summary>The Sharpe ratio as every report writes it: "−68.49 (from 3 daily returns: too few to mean much)".</summary>
    public string SharpeText => WithCaveat(Sharpe, SharpeCaveat);

    /// <summary><see cref="SharpeText"/> from a ratio and caveat kept elsewhere (a stored summary).</summary>
    public static string WithCaveat(double sharpe, string caveat) =>
        sharpe.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + (caveat.Length > 0 ? $" ({caveat})" : "");

    /// <summary>Lost money after costs, though it may have made some before them.</summary>
    public bool LosesAfterCosts => NetPnl < 0m;

    public bool WinsBeforeCosts => GrossPnl > 0m;

    public static BacktestMetrics Compute(decimal initialEquity, IReadOnlyList<EquityPoint> equity, IReadOnlyList<ClosedTrade> trades)
    {
        var final = equity.Count > 0 ? equity[^1].Equity : initialEquity;
        decimal gross = 0m, commission = 0m, swap = 0m, won = 0m, lost = 0m;
        var wins = 0;
        foreach (var t in trades)
        {
            gross += t.GrossPnl;
            commission += t.Commission;
            swap += t.Swap;
            if (t.NetPnl > 0m) { wins++; won += t.NetPnl; }
            else lost -= t.NetPnl;
        }
        var daily = DailyReturns(initialEquity, equity);
        return new BacktestMetrics(
            initialEquity, final,
            (double)((final - initialEquity) / initialEquity),
            MaxDrawdownOf(initialEquity, equity),
            SharpeOf(daily),
            trades.Count,
            trades.Count == 0 ? 0 : (double)wins / trades.Count,
            gross, commission, swap, gross + swap - commission,
            lost == 0m ? (won > 0m ? double.PositiveInfinity : 0) : (double)(won / lost),
            daily.Count);
    }

    /// <summary>Largest fall from a running peak (the initial equity counts as the first peak), as a fraction of that peak.</summary>
    public static double MaxDrawdownOf(decimal initialEquity, IReadOnlyList<EquityPoint> equity)
    {
        var peak = initialEquity;
        var worst = 0m;
        foreach (var p in equity)
        {
            if (p.Equity > peak)
                peak = p.Equity;
            else if (peak > 0m && (peak - p.Equity) / peak > worst)
                worst = (peak - p.Equity) / peak;
        }
        return (double)worst;
    }

    private static double SharpeOf(List<double> returns)
    {
        if (returns.Count < 2)
            return 0;
        var mean = returns.Average();
        var sd = Math.Sqrt(returns.Sum(r => (r - mean) * (r - mean)) / (returns.Count - 1));
        return sd > 0 ? mean / sd * Math.Sqrt(252) : 0;
    }

    /// <summary>One return per UTC day with equity points: its last point against the day before's (the initial equity first).</summary>
    private static List<double> DailyReturns(decimal initialEquity, IReadOnlyList<EquityPoint> equity)
    {
        var returns = new List<double>();
        var previous = initialEquity;
        for (var i = 0; i < equity.Count; i++)
        {
            var day = equity[i].TimeMs / 86_400_000;
            var lastOfDay = i == equity.Count - 1 || equity[i + 1].TimeMs / 86_400_000 != day;
            if (!lastOfDay)
                continue;
            returns.Add(previous == 0m ? 0 : (double)((equity[i].Equity - previous) / previous));
            previous = equity[i].Equity;
        }
        return returns;
    }
}
