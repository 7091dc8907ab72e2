using System.CommandLine;
using Plan2.Core.MarketData;
using Plan2.Ml;
using Plan2.Ml.Training.MlNet;
using Plan2.Ml.Training.Pipeline;

namespace Plan2.Cli.Commands;

/// <summary><c>plan2 train</c>: every model kind on history, walk-forward, exported to ONNX with a manifest and a report.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<string[]>("--data") { Description = "Training history: file or folder (repeatable).", Required = true, AllowMultipleArgumentsPerToken = true };
        var holdout = new Option<string[]>("--holdout") { Description = "Held-out history for the report: file or folder (repeatable); never trained on.", AllowMultipleArgumentsPerToken = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Where the models, manifest.json and report go.", Required = true };
        var timeframe = new Option<string>("--timeframe") { Description = "Candle timeframe of the features: M1 M5 M15 H1 D1.", DefaultValueFactory = _ => "M1" };
        timeframe.AcceptOnlyFromAmong("M1", "M5", "M15", "H1", "D1");
        var horizon = new Option<int>("--horizon") { Description = "Bars ahead whose direction is predicted.", DefaultValueFactory = _ => 5 };
        var kinds = new Option<string[]>("--kinds") { Description = "Model kinds to train.", DefaultValueFactory = _ => [.. MemberTrainers.AllKinds], AllowMultipleArgumentsPerToken = true };
        var format = ModelData.Format();
        var symbol = ModelData.Symbol();
        var command = new Command("train",
            "Train LightGBM, XGBoost, a random forest, an LSTM and a small Transformer encoder on history with walk-forward validation (labels purged at fold edges), " +
            "stack them into an ensemble, export each to ONNX (checked against the trained model) with manifest.json, model cards and a " +
            "report with baselines, held-out scores and pictures. Progress on stderr.")
        { data, holdout, output, timeframe, horizon, kinds, format, symbol };
        command.SetAction((result, ct) => CliRunner.RunAsync(async () =>
        {
            IProgress<string> progress = new StderrLines();
            TimeframeExtensions.TryParse(result.GetValue(timeframe), out var tf);
            var h = result.GetValue(horizon);
            if (h < 1) throw new CliException("--horizon must be at least 1.");
            var paths = result.GetValue(data)!;
            var rows = await ModelData.LoadAsync(paths, result.GetValue(format), result.GetValue(symbol), tf, h, progress, ct);
            var trainers = MemberTrainers.Create(result.GetValue(kinds)!);
            var outDir = result.GetValue(output)!.FullName;
            var pipeline = new TrainingPipeline(trainers, new TrainingSettings(tf, h), progress);
            var description = string.Join(", ", paths.Select(p => Path.GetFileName(Path.TrimEndingDirectorySeparator(p))));
            var provenance = new DataProvenance
            {
                Training = [.. paths.SelectMany(FileDigest.OfPath)],
                HeldOut = [.. (result.GetValue(holdout) ?? []).SelectMany(FileDigest.OfPath)],
            };
            var trained = pipeline.Run(rows, outDir, description, provenance);

            var holdouts = new List<(string, Evaluation)>();
            foreach (var path in result.GetValue(holdout) ?? [])
            {
                var heldOut = await ModelData.LoadAsync([path], result.GetValue(format), null, tf, h, progress, ct);
                holdouts.Add((Path.GetFileName(Path.TrimEndingDirectorySeparator(path)), Evaluator.Evaluate(trained.Manifest, outDir, heldOut)));
                progress.Report($"held out {path}: {TrainingReport.Verdict(holdouts[^1].Item2)}");
            }
            TrainingReport.Write(outDir, trained, holdouts);
            Console.WriteLine($"Models, manifest.json and report.md written to {outDir}");
            return 0;
        }));
        return command;
    }
}

/// <summary>The five member kinds the pipeline knows.</summary>
internal static class MemberTrainers
{
    public static readonly string[] AllKinds = [MlNetTreeTrainer.LightGbm, XgboostMemberTrainer.KindName, MlNetTreeTrainer.RandomForest, LstmMemberTrainer.KindName, TransformerMemberTrainer.KindName];

    public static IReadOnlyList<IMemberTrainer> Create(IEnumerable<string> kinds) => kinds.Select<string, IMemberTrainer>(kind => kind switch
    {
        MlNetTreeTrainer.LightGbm or MlNetTreeTrainer.RandomForest => new MlNetMemberTrainer(kind),
        XgboostMemberTrainer.KindName => new XgboostMemberTrainer(),
        LstmMemberTrainer.KindName => new LstmMemberTrainer(),
        TransformerMemberTrainer.KindName => new TransformerMemberTrainer(),
        _ => throw new CliException($"Unknown model kind '{kind}': use {string.Join(", ", AllKinds)}."),
    }).ToList();
}

/// <summary>Progress lines on stderr, in order, as they happen (Progress&lt;T&gt; would post them to the thread pool).</summary>
internal sealed class StderrLines : IProgress<string>
{
    public void Report(string value) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {value}");
}
