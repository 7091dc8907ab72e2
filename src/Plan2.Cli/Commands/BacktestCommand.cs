using System.CommandLine;
using Plan2.Backtesting;
using Plan2.Cli.Backtest;
using Plan2.Core.Backtesting;
using Plan2.Core.MarketData;
using Plan2.Core.Strategies;
using Plan2.MarketData.Import;
using Plan2.Ml.Serving;

namespace Plan2.Cli.Commands;

/// <summary><c>plan2 backtest</c>: history through the live trading pipeline at full speed, with costs, into a report folder.</summary>
internal static class BacktestCommand
{
    public static Command Create()
    {
        var data = new Option<FileInfo>("--data") { Description = "History file: M1 bars or MT5 ticks.", Required = true };
        var format = new Option<string?>("--format") { Description = "mt5-ticks | mt5-bars | m1-bars | mt-bars; recognised from the first line when left out." };
        format.AcceptOnlyFromAmong([.. ImportFormatNames.ByName.Keys]);
        var symbol = new Option<string>("--symbol") { Description = "The currency pair, e.g. EURUSD.", Required = true };
        var offset = new Option<double?>("--utc-offset") { Description = "Hours the file's times are ahead of UTC (MetaTrader default 0, HistData -5)." };
        var strategy = new Option<string>("--strategy") { Description = "ai | sma-cross | rsi-reversion", DefaultValueFactory = _ => AiStrategy.Name };
        strategy.AcceptOnlyFromAmong(BacktestSetup.Strategies);
        var models = new Option<DirectoryInfo?>("--models") { Description = "Folder with manifest.json and the ONNX models (ai); onnx-models above the app by default." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the report (created).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print only one JSON object of the metrics." };
        var balance = Number("--balance", "Starting balance in the account currency.", 10_000m);
        var currency = new Option<string>("--account-currency") { Description = "Account currency.", DefaultValueFactory = _ => "USD" };
        var lots = Number("--lots", "Lots of a full-size position (ai: scaled by confidence).", 0.1m);
        var commission = Number("--commission", "Commission per lot and side, account currency.", 3.5m);
        var spread = Number("--spread-pips", "Spread for bar files, which carry none (tick files use their own).", 1m);
        var swapLong = Number("--swap-long", "Swap points per lot and night for a long (negative: paid).", -5m);
        var swapShort = Number("--swap-short", "Swap points per lot and night for a short.", -5m);
        var slippage = new Option<int>("--slippage-ticks") { Description = "Adverse slippage per fill, in ticks.", DefaultValueFactory = _ => 0 };
        var latency = new Option<int>("--latency-ms") { Description = "Order latency to the venue.", DefaultValueFactory = _ => 0 };
        var depth = new Option<decimal?>("--depth-lots") { Description = "Lots each quote can fill per side; unlimited when left out." };
        var hold = new Option<int>("--hold-bars") { Description = "Bars a position is held after its last signal (0: until another exit).", DefaultValueFactory = _ => 5 };
        var stop = new Option<double>("--stop-atr") { Description = "Stop loss in ATR(14) units (0: none).", DefaultValueFactory = _ => 2 };
        var take = new Option<double>("--take-profit-atr") { Description = "Take profit in ATR(14) units (0: none).", DefaultValueFactory = _ => 3 };
        var longAbove = new Option<double>("--long-above") { Description = "ai: go long when P(up) is at least this.", DefaultValueFactory = _ => 0.53 };
        var shortBelow = new Option<double>("--short-below") { Description = "ai: go short when P(up) is at most this.", DefaultValueFactory = _ => 0.47 };
        var minConfidence = new Option<double>("--min-confidence") { Description = "ai: the models' agreement needed to trade (0..1).", DefaultValueFactory = _ => 0.5 };
        var command = new Command("backtest",
            "Replay history through the live trading pipeline (candles, indicators, predictions, strategy, pre-trade risk, paper fills, " +
            "positions) at full speed with costs always on, and write equity.png, drawdown.png, trades.csv, equity.csv, metrics.json " +
            "and report.md into --out. M1 bars become four ticks each (open, nearer extreme, other extreme, close) with --spread-pips.")
        {
            data, format, symbol, offset, strategy, models, output, json, balance, currency, lots, commission, spread, swapLong, swapShort,
            slippage, latency, depth, hold, stop, take, longAbove, shortBelow, minConfidence,
        };
        command.SetAction((result, ct) => CliRunner.RunAsync(async () =>
        {
            var options = new BacktestOptions
            {
                Strategy = result.GetValue(strategy)!, AccountCurrency = result.GetValue(currency)!.ToUpperInvariant(), InitialBalance = result.GetValue(balance),
                Lots = result.GetValue(lots), CommissionPerLot = result.GetValue(commission), SpreadPips = result.GetValue(spread),
                SwapLongPoints = result.GetValue(swapLong), SwapShortPoints = result.GetValue(swapShort), SlippageTicks = result.GetValue(slippage),
                LatencyMs = result.GetValue(latency), DepthLots = result.GetValue(depth), HoldBars = result.GetValue(hold), StopAtr = result.GetValue(stop),
                TakeProfitAtr = result.GetValue(take), LongAbove = result.GetValue(longAbove), ShortBelow = result.GetValue(shortBelow),
                MinConfidence = result.GetValue(minConfidence),
            };
            var run = await CliBacktest.RunAsync(result.GetValue(data)!, result.GetValue(format), result.GetValue(symbol)!, result.GetValue(offset),
                options, result.GetValue(models)?.FullName, ct);
            var folder = result.GetValue(output)!.FullName;
            BacktestReport.Write(folder, run);
            if (result.GetValue(json))
                Console.Out.WriteLine(BacktestReport.Json(run).ToJsonString());
            else
            {
                Console.Out.WriteLine(BacktestReport.Verdict(run.Metrics));
                var m = run.Metrics;
                Console.Out.WriteLine($"return {m.TotalReturn * 100:0.000} %, max drawdown {m.MaxDrawdown * 100:0.000} %, Sharpe {m.SharpeText}, " +
                    $"{m.Trades} trades, win rate {m.WinRate * 100:0.0} %, commissions {m.Commissions:0.00}, {run.TicksPerSecond:N0} ticks/s");
                Console.Out.WriteLine($"report: {Path.Combine(folder, "report.md")}");
            }
            return 0;
        }));
        return command;
    }

    private static Option<decimal> Number(string name, string description, decimal value) =>
        new(name) { Description = description, DefaultValueFactory = _ => value };
}
