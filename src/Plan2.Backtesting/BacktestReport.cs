using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Plan2.Core.Backtesting;
using ScottPlot;

namespace Plan2.Backtesting;

/// <summary>
/// Writes a run into its folder: equity.png and drawdown.png, trades.csv (one row per closed trade),
/// equity.csv (equity at every bar), metrics.json and report.md, which says in its first lines whether
/// the strategy made or lost money after costs.
/// </summary>
public static class BacktestReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void Write(string folder, BacktestRun run)
    {
        Directory.CreateDirectory(folder);
        WriteTrades(Path.Combine(folder, "trades.csv"), run);
        WriteEquity(Path.Combine(folder, "equity.csv"), run.Equity);
        File.WriteAllText(Path.Combine(folder, "metrics.json"), Json(run).ToJsonString() + "\n");
        Pictures(folder, run);
        File.WriteAllText(Path.Combine(folder, "report.md"), Markdown(run));
    }

    public static JsonObject Json(BacktestRun run)
    {
        var m = run.Metrics;
        return new JsonObject
        {
            ["symbol"] = run.Symbol,
            ["strategy"] = run.Options.Strategy,
            ["total_return"] = Math.Round(m.TotalReturn, 6),
            ["sharpe"] = Math.Round(m.Sharpe, 4),
            ["sharpe_days"] = m.SharpeDays,
            ["max_drawdown"] = Math.Round(m.MaxDrawdown, 6),
            ["win_rate"] = Math.Round(m.WinRate, 4),
            ["trades"] = m.Trades,
            ["initial_equity"] = m.InitialEquity,
            ["final_equity"] = m.FinalEquity,
            ["gross_pnl"] = m.GrossPnl,
            ["commissions"] = m.Commissions,
            ["swap"] = m.Swap,
            ["net_pnl"] = m.NetPnl,
            ["profit_factor"] = double.IsFinite(m.ProfitFactor) ? Math.Round(m.ProfitFactor, 4) : null,
            ["loses_after_costs"] = m.LosesAfterCosts,
            ["strategy_halted"] = run.StrategyHalted,
            ["refused_orders"] = new JsonObject(run.Refusals.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            ["ticks"] = run.Ticks,
            ["bars"] = run.Bars,
            ["predictions"] = run.Predictions,
            ["ticks_per_second"] = Math.Round(run.TicksPerSecond),
        };
    }

    /// <summary>The plain sentence every report starts with.</summary>
    public static string Verdict(BacktestMetrics m) =>
        m.Trades == 0 ? "The strategy made no trades: nothing was earned or lost."
        : m.LosesAfterCosts && m.WinsBeforeCosts
            ? $"The strategy LOSES money after costs: it made {m.GrossPnl:0.00} before costs, and commissions ({m.Commissions:0.00}) and swap ({m.Swap:0.00}) turned that into {m.NetPnl:0.00}."
        : m.LosesAfterCosts
            ? $"The strategy LOSES money after costs: {m.NetPnl:0.00} net ({m.GrossPnl:0.00} gross, the spread already included; commissions {m.Commissions:0.00}; swap {m.Swap:0.00})."
            : $"The strategy made {m.NetPnl:0.00} after costs ({m.GrossPnl:0.00} gross; commissions {m.Commissions:0.00}; swap {m.Swap:0.00}). One history is not evidence of an edge.";

    private static void WriteTrades(string path, BacktestRun run)
    {
        var sb = new StringBuilder("ticket,side,lots,opened_at,entry_price,closed_at,exit_price,gross_pnl,commission,swap,net_pnl,exit_reason\n");
        foreach (var t in run.Trades)
            sb.Append(Inv, $"{t.Ticket},{t.Side},{t.Lots},{Time(t.OpenedAt)},{t.EntryPrice:0.#########},{Time(t.ClosedAt)},{t.ExitPrice:0.#########},")
              .Append(Inv, $"{t.GrossPnl},{t.Commission},{t.Swap},{t.NetPnl},{t.ExitReason}\n");
        File.WriteAllText(path, sb.ToString());
    }

    private static void WriteEquity(string path, IReadOnlyList<EquityPoint> equity)
    {
        var sb = new StringBuilder("time,equity\n");
        foreach (var p in equity)
            sb.Append(Inv, $"{Time(DateTimeOffset.FromUnixTimeMilliseconds(p.TimeMs))},{p.Equity}\n");
        File.WriteAllText(path, sb.ToString());
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Inv);

    private static void Pictures(string folder, BacktestRun run)
    {
        if (run.Equity.Count == 0) return;
        var xs = run.Equity.Select(p => DateTimeOffset.FromUnixTimeMilliseconds(p.TimeMs).UtcDateTime.ToOADate()).ToArray();
        var equity = run.Equity.Select(p => (double)p.Equity).ToArray();
        var plot = new Plot();
        plot.Add.ScatterLine(xs, equity);
        plot.Add.HorizontalLine((double)run.Metrics.InitialEquity, 1, Colors.Gray, LinePattern.Dashed);
        plot.Axes.DateTimeTicksBottom();
        plot.Title($"{run.Symbol} {run.Options.Strategy}: equity after costs ({run.Options.AccountCurrency})");
        plot.SavePng(Path.Combine(folder, "equity.png"), 1000, 450);

        var peak = (double)run.Metrics.InitialEquity;
        var drawdown = equity.Select(e => { peak = Math.Max(peak, e); return peak > 0 ? -(peak - e) / peak * 100 : 0; }).ToArray();
        var dd = new Plot();
        dd.Add.ScatterLine(xs, drawdown).Color = Colors.Red;
        dd.Axes.DateTimeTicksBottom();
        dd.Title($"Drawdown from the running peak, % (max {run.Metrics.MaxDrawdown * 100:0.00} %)");
        dd.SavePng(Path.Combine(folder, "drawdown.png"), 1000, 300);
    }

    private static string Markdown(BacktestRun run)
    {
        var m = run.Metrics;
        var o = run.Options;
        var sb = new StringBuilder();
        sb.AppendLine(Inv, $"# Backtest: {run.Symbol}, strategy `{o.Strategy}`").AppendLine();
        sb.AppendLine("**" + Verdict(m) + "**").AppendLine();
        sb.AppendLine("| figure | value |").AppendLine("|---|---|");
        sb.AppendLine(Inv, $"| total return | {m.TotalReturn * 100:0.000} % |");
        sb.AppendLine(Inv, $"| equity | {m.InitialEquity:0.00} → {m.FinalEquity:0.00} {o.AccountCurrency} |");
        sb.AppendLine(Inv, $"| gross P&L (after spread) | {m.GrossPnl:0.00} |");
        sb.AppendLine(Inv, $"| commissions | {m.Commissions:0.00} |");
        sb.AppendLine(Inv, $"| swap | {m.Swap:0.00} |");
        sb.AppendLine(Inv, $"| net P&L | {m.NetPnl:0.00} |");
        sb.AppendLine(Inv, $"| max drawdown | {m.MaxDrawdown * 100:0.000} % |");
        sb.AppendLine(Inv, $"| Sharpe (daily, annualised) | {m.SharpeText} |");
        sb.AppendLine(Inv, $"| trades / win rate | {m.Trades} / {m.WinRate * 100:0.0} % |");
        sb.AppendLine(Inv, $"| profit factor | {(double.IsFinite(m.ProfitFactor) ? m.ProfitFactor.ToString("0.00", Inv) : "n/a")} |");
        sb.AppendLine(Inv, $"| strategy halted by its drawdown guard | {(run.StrategyHalted ? "yes" : "no")} |");
        sb.AppendLine(Inv, $"| orders refused | {(run.Refusals.Count == 0 ? "none" : string.Join(", ", run.Refusals.Select(p => $"{p.Key} {p.Value}")))} |");
        sb.AppendLine(Inv, $"| ticks / bars / predictions | {run.Ticks:N0} / {run.Bars:N0} / {run.Predictions:N0} |");
        sb.AppendLine(Inv, $"| speed | {run.TicksPerSecond:N0} ticks/s |").AppendLine();
        sb.AppendLine("![equity](equity.png)").AppendLine().AppendLine("![drawdown](drawdown.png)").AppendLine();
        sb.AppendLine("## Assumptions").AppendLine();
        sb.AppendLine(Inv, $"- Data: `{Path.GetFileName(run.DataFile)}`; spread: {run.SpreadSource}.");
        sb.AppendLine(Inv, $"- Commission {o.CommissionPerLot} {o.AccountCurrency} per lot and side; swap {o.SwapLongPoints} points long, {o.SwapShortPoints} short per lot and night at 22:00 UTC (triple on Wednesday).");
        sb.AppendLine(Inv, $"- Fills: buys at the ask, sells at the bid, latency {o.LatencyMs} ms, slippage {o.SlippageTicks} ticks, depth {(o.DepthLots is { } d ? d + " lots per quote" : "unlimited")}.");
        sb.AppendLine(Inv, $"- Size {o.Lots} lots{(o.Strategy == "ai" ? " scaled by the models' confidence" : "")}; hold {o.HoldBars} bars; stop {o.StopAtr} ATR, take-profit {o.TakeProfitAtr} ATR; balance {o.InitialBalance} {o.AccountCurrency}.");
        if (run.Models is { } models)
            sb.AppendLine(Inv, $"- Models: `{models}`; long when P(up) ≥ {o.LongAbove}, short when ≤ {o.ShortBelow}, confidence ≥ {o.MinConfidence}.");
        sb.AppendLine("- Open positions are closed at the last quote so that every trade is in trades.csv.");
        return sb.ToString();
    }
}
