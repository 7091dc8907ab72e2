using System.CommandLine;
using Plan2.Core.MarketData;
using Plan2.MarketData.Import;

namespace Plan2.Cli.Commands;

/// <summary><c>plan2 indicators</c>: candles of a timeframe with every indicator, as CSV on stdout.</summary>
internal static class IndicatorsCommand
{
    public static Command Create()
    {
        var source = new SourceOptions();
        var timeframe = new Option<string>("--timeframe") { Description = "M1 | M5 | M15 | H1 | D1", Required = true };
        timeframe.AcceptOnlyFromAmong("M1", "M5", "M15", "H1", "D1");
        var command = new Command("indicators",
            "Build candles of one timeframe from a file and write one CSV row per closed candle with SMA, EMA, RSI, MACD, " +
            "Bollinger, ATR, Stochastic, ADX, CCI and Williams %R (empty while an indicator warms up). Times are UTC. " +
            "Rejected lines are summarised on stderr.");
        source.AddTo(command);
        command.Options.Add(timeframe);
        command.SetAction((result, ct) => CliRunner.RunAsync(async () =>
        {
            var settings = source.Resolve(result);
            TimeframeExtensions.TryParse(result.GetValue(timeframe), out var tf);
            var file = result.GetValue(source.File)!;
            var output = new StreamWriter(Console.OpenStandardOutput(), bufferSize: 1 << 16) { AutoFlush = false };
            var sink = new IndicatorCsvSink(output, tf, settings.BarTimeframe, settings.Format.IsTicks());
            ImportReport report;
            await using (var stream = CliRunner.OpenRead(file))
                report = await MarketDataImporter.RunAsync(stream, settings, sink, TimeProvider.System, null, ct);
            await output.FlushAsync(ct);
            if (report.RejectedTotal > 0)
                Console.Error.WriteLine($"plan2: {report.RejectedTotal:N0} of {report.Read:N0} lines rejected: " +
                    string.Join(", ", report.Rejected.Select(p => $"{p.Key} {p.Value:N0}")) +
                    (report.BadLines.Count > 0 ? $" (first: line {report.BadLines[0].Line}, {report.BadLines[0].Reason})" : ""));
            return report.Stored > 0 ? 0 : CliRunner.Fail($"{file.Name}: no line could be read.");
        }));
        return command;
    }
}
