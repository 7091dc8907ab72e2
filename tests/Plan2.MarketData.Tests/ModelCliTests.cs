using System.Text.Json;

namespace Plan2.MarketData.Tests;

/// <summary>plan2 evaluate on the shipped models, as a user runs it.</summary>
public sealed class ModelCliTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("plan2-eval-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Evaluate_ShippedModels_OnAnotherInstrument_PrintsTheAgreedJson()
    {
        var run = await Plan2Command.RunAsync(_data, "evaluate", "--data", SharedData.Path("mt-m1-2021/USDCHF_M1.csv"),
            "--models", SharedData.ShippedModels, "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal(["rows", "models", "ensemble", "baselines"], root.EnumerateObject().Select(p => p.Name));
        Assert.InRange(root.GetProperty("rows").GetInt64(), 40_000, 50_000);
        Assert.Equal(["lightgbm", "lstm", "random_forest", "transformer", "xgboost"],
            root.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("kind").GetString()).Order());
        Assert.Equal(["majority", "last_move"], root.GetProperty("baselines").EnumerateArray().Select(b => b.GetProperty("name").GetString()));
        foreach (var metrics in root.GetProperty("models").EnumerateArray().Append(root.GetProperty("ensemble")))
        {
            Assert.InRange(metrics.GetProperty("accuracy").GetDouble(), 0.4, 0.6);
            Assert.InRange(metrics.GetProperty("log_loss").GetDouble(), 0.6, 0.8);
            Assert.InRange(metrics.GetProperty("brier").GetDouble(), 0.2, 0.3);
            Assert.InRange(metrics.GetProperty("ic").GetDouble(), -1, 1);
        }
    }

    [Fact]
    public async Task Evaluate_AsATable_ShowsTheEnsembleAsServed_BesideTheStackedOne_WithItsOwnVerdict()
    {
        var run = await Plan2Command.RunAsync(_data, "evaluate", "--data", SharedData.Path("mt-m1-2021/USDCHF_M1.csv"),
            "--models", SharedData.ShippedModels);

        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = run.Stdout.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Single(lines, l => l.StartsWith("ensemble ", StringComparison.Ordinal));
        var served = Assert.Single(lines, l => l.StartsWith("as served ", StringComparison.Ordinal));
        Assert.Contains("live weights", served, StringComparison.Ordinal);
        Assert.Single(lines, l => l.StartsWith("As served (live weights replayed in time order", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Evaluate_ModelsOfAnotherFeatureSchema_AreRefused()
    {
        var models = Path.Combine(_data, "models");
        Directory.CreateDirectory(models);
        foreach (var file in Directory.GetFiles(SharedData.ShippedModels))
            File.Copy(file, Path.Combine(models, Path.GetFileName(file)));
        var manifest = Path.Combine(models, "manifest.json");
        var text = await File.ReadAllTextAsync(manifest);
        var hash = JsonDocument.Parse(text).RootElement.GetProperty("feature_schema_hash").GetString()!;
        await File.WriteAllTextAsync(manifest, text.Replace(hash, "ffffffffffffffff"));

        var run = await Plan2Command.RunAsync(_data, "evaluate", "--data", SharedData.Path("mt-m1-2021/USDCHF_M1.csv"), "--models", models);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("feature schema", run.Stderr);
    }
}
