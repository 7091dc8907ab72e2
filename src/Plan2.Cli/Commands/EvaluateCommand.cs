using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Plan2.Core.MarketData;
using Plan2.Ml;
using Plan2.Ml.Training.Pipeline;

namespace Plan2.Cli.Commands;

/// <summary><c>plan2 evaluate</c>: every shipped model, the ensemble and the baselines on new data.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var data = new Option<string[]>("--data") { Description = "History file or folder (repeatable).", Required = true, AllowMultipleArgumentsPerToken = true };
        var models = new Option<DirectoryInfo>("--models") { Description = "Folder with manifest.json and the ONNX models.", DefaultValueFactory = _ => new DirectoryInfo("onnx-models") };
        var json = new Option<bool>("--json") { Description = "Print only one JSON object." };
        var format = ModelData.Format();
        var symbol = ModelData.Symbol();
        var command = new Command("evaluate",
            "Run every model in the manifest and their ensemble over new data; print accuracy, log loss, Brier score and information " +
            "coefficient beside the majority and last-move baselines. Refuses models of another feature schema.")
        { data, format, symbol, models, json };
        command.SetAction((result, ct) => CliRunner.RunAsync(async () =>
        {
            var folder = result.GetValue(models)!.FullName;
            ModelManifest manifest;
            try { manifest = ModelManifest.Load(folder); }
            catch (FileNotFoundException e) { throw new CliException(e.Message); }
            Evaluator.CheckSchema(manifest);
            TimeframeExtensions.TryParse(manifest.Timeframe, out var tf);
            var rows = await ModelData.LoadAsync(result.GetValue(data)!, result.GetValue(format), result.GetValue(symbol), tf, manifest.HorizonBars, null, ct);
            var evaluation = Evaluator.Evaluate(manifest, folder, rows);
            Console.Out.WriteLine(result.GetValue(json) ? ToJson(evaluation) : ToTable(evaluation));
            return 0;
        }));
        return command;
    }

    internal static string ToJson(Evaluation e)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("rows", e.Rows);
            w.WriteStartArray("models");
            foreach (var (model, metrics) in e.Models)
            {
                w.WriteStartObject();
                w.WriteString("name", model.Name);
                w.WriteString("kind", model.Kind);
                WriteMetrics(w, metrics);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("ensemble");
            WriteMetrics(w, e.Ensemble);
            w.WriteEndObject();
            w.WriteStartArray("baselines");
            foreach (var (name, metrics) in e.Baselines)
            {
                w.WriteStartObject();
                w.WriteString("name", name);
                WriteMetrics(w, metrics);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteMetrics(Utf8JsonWriter w, Metrics m)
    {
        w.WriteNumber("accuracy", Math.Round(m.Accuracy, 6));
        w.WriteNumber("log_loss", Math.Round(m.LogLoss, 6));
        w.WriteNumber("brier", Math.Round(m.Brier, 6));
        w.WriteNumber("ic", Math.Round(m.Ic, 6));
    }

    private static string ToTable(Evaluation e)
    {
        var lines = new List<string> { $"{e.Rows:N0} labelled rows", $"{"model",-16}{"kind",-15}{"accuracy",10}{"log loss",11}{"Brier",10}{"IC",9}" };
        string Row(string name, string kind, Metrics m) => string.Create(CultureInfo.InvariantCulture,
            $"{name,-16}{kind,-15}{m.Accuracy * 100,9:0.00}%{m.LogLoss,11:0.00000}{m.Brier,10:0.00000}{m.Ic,9:0.0000}");
        lines.AddRange(e.Models.Select(x => Row(x.Model.Name, x.Model.Kind, x.Metrics)));
        lines.Add(Row("ensemble", "stacking", e.Ensemble));
        lines.Add(Row("as served", "live weights", e.Served));
        lines.AddRange(e.Baselines.Select(b => Row(b.Name, "baseline", b.Metrics)));
        lines.Add(TrainingReport.Verdict(e));
        lines.Add(TrainingReport.ServedVerdict(e));
        return string.Join(Environment.NewLine, lines);
    }
}
