using System.CommandLine;
using System.Text.Json;
using Plan2.MarketData.Import;

namespace Plan2.Cli.Commands;

/// <summary><c>plan2 import</c>: validate a history file and store it in the configured tick store.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var source = new SourceOptions();
        var json = new Option<bool>("--json") { Description = "Print only one JSON object: read, stored, rejected by reason, bad lines." };
        var command = new Command("import",
            "Validate a market-data file and store it in the tick store (DuckDB under Plan2__DataDir, or ClickHouse when " +
            "ConnectionStrings__ClickHouse is set). Bad lines are counted by reason and listed with their line numbers; the rest is stored.");
        source.AddTo(command);
        command.Options.Add(json);
        command.SetAction((result, ct) => CliRunner.RunAsync(async () =>
        {
            var settings = source.Resolve(result);
            var file = result.GetValue(source.File)!;
            var asJson = result.GetValue(json);
            await using var store = await CliEnvironment.OpenStoreAsync(ct);
            var sink = new StoreImportSink(store, settings.Symbol, settings.BarTimeframe);
            var progress = new StderrProgress($"importing {settings.Symbol}", file.Length);
            ImportReport report;
            await using (var stream = CliRunner.OpenRead(file))
                report = await MarketDataImporter.RunAsync(stream, settings, sink, TimeProvider.System, progress, ct);
            progress.Done();

            if (asJson)
                Console.Out.WriteLine(ToJson(report));
            else
                PrintHuman(report, sink.DerivedCandles, CliEnvironment.Describe(store), file.Name);
            if (report.Read == 0)
                throw new CliException($"{file.Name}: no data lines.");
            return report.Stored > 0 ? 0 : CliRunner.Fail($"{file.Name}: no line could be imported.");
        }));
        return command;
    }

    internal static string ToJson(ImportReport report)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("read", report.Read);
            w.WriteNumber("stored", report.Stored);
            w.WriteStartObject("rejected");
            foreach (var (reason, count) in report.Rejected.OrderBy(p => p.Key, StringComparer.Ordinal))
                w.WriteNumber(reason, count);
            w.WriteEndObject();
            w.WriteStartArray("bad_lines");
            foreach (var bad in report.BadLines)
            {
                w.WriteStartObject();
                w.WriteNumber("line", bad.Line);
                w.WriteString("reason", bad.Reason);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void PrintHuman(ImportReport r, long derived, string store, string fileName)
    {
        Console.WriteLine($"{fileName}: {r.Symbol} ({r.Format.Name()}) into {store}");
        Console.WriteLine($"  read      {r.Read,12:N0}");
        var span = r.Stored > 0
            ? $"   {DateTimeOffset.FromUnixTimeMilliseconds(r.FirstTimeMs):yyyy-MM-dd HH:mm:ss} → {DateTimeOffset.FromUnixTimeMilliseconds(r.LastTimeMs):yyyy-MM-dd HH:mm:ss} UTC"
            : "";
        Console.WriteLine($"  stored    {r.Stored,12:N0}{span}");
        Console.WriteLine($"  rejected  {r.RejectedTotal,12:N0}");
        foreach (var (reason, count) in r.Rejected.OrderByDescending(p => p.Value))
            Console.WriteLine($"    {reason,-22}{count,10:N0}");
        Console.WriteLine($"  candles built from them (M1…D1): {derived:N0}");
        if (r.BadLines.Count > 0)
        {
            Console.WriteLine($"  first bad lines{(r.RejectedTotal > r.BadLines.Count ? $" ({r.BadLines.Count} of {r.RejectedTotal:N0})" : "")}:");
            foreach (var bad in r.BadLines.Take(20))
                Console.WriteLine($"    line {bad.Line}: {bad.Reason}");
        }
        var seconds = Math.Max(r.Elapsed.TotalSeconds, 1e-9);
        Console.WriteLine($"  {r.Read:N0} lines in {seconds:0.00} s ({r.Read / seconds:N0} lines/s)");
    }
}
