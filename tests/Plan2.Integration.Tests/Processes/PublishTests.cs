using System.Diagnostics;
using System.Text.Json;
using Plan2.Integration.Tests.Infrastructure;

namespace Plan2.Integration.Tests.Processes;

/// <summary>
/// `dotnet publish` of silo/ and web/, as silo/Dockerfile and web/Dockerfile run it: the output must
/// hold everything the images need, since the images hold nothing else (no checkout to find models or
/// the trainer above the app). Published from the existing build (--no-build) to stay quick.
/// </summary>
public sealed class PublishTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("plan2-publish-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public async Task Silo_Published_HoldsModelsTrainerAndSettings()
    {
        var app = await PublishAsync("silo");

        AssertFiles(app, "Plan2.Silo.dll", "Plan2.Silo.runtimeconfig.json", "appsettings.json");
        AssertModels(app);
        await AssertTrainerRunsAsync(app);
    }

    [Fact]
    public async Task Web_Published_HoldsStaticAssetsModelsTrainerAndSettings()
    {
        var app = await PublishAsync("web");

        AssertFiles(app, "Plan2.Web.dll", "Plan2.Web.runtimeconfig.json", "appsettings.json",
            "wwwroot/_content/MudBlazor/MudBlazor.min.css", "wwwroot/_content/MudBlazor/MudBlazor.min.js", "wwwroot/_framework/blazor.web.js");
        AssertModels(app); // the web hosts the silo when embedded
        await AssertTrainerRunsAsync(app);
    }

    private async Task<string> PublishAsync(string project)
    {
        var output = Path.Combine(_out, project);
        var (code, text) = await RunAsync(RepoPaths.Root, "dotnet", "publish", project, "-c", RepoPaths.Configuration, "--no-build", "-o", output, "-nologo");
        Assert.True(code == 0, $"dotnet publish {project} (build the solution first):\n{text}");
        return output;
    }

    private static void AssertFiles(string app, params string[] files)
    {
        foreach (var file in files)
            Assert.True(File.Exists(Path.Combine(app, file)), $"{file} is missing from the published {app}");
    }

    /// <summary>Every model file the manifest names, byte for byte as shipped in onnx-models/.</summary>
    private static void AssertModels(string app)
    {
        var shipped = Path.Combine(RepoPaths.Root, "onnx-models");
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(app, "onnx-models", "manifest.json")));
        var files = manifest.RootElement.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("file").GetString()!).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files.Append("manifest.json"))
            Assert.Equal(File.ReadAllBytes(Path.Combine(shipped, file)), File.ReadAllBytes(Path.Combine(app, "onnx-models", file)));
    }

    /// <summary>Retraining runs `dotnet trainer/plan2.dll train …` from the app folder: the trainer must start from there.</summary>
    private static async Task AssertTrainerRunsAsync(string app)
    {
        var (code, text) = await RunAsync(app, "dotnet", Path.Combine("trainer", "plan2.dll"), "train", "--help");
        Assert.True(code == 0, "trainer/plan2.dll train --help:\n" + text);
        Assert.Contains("--kinds", text);
    }

    private static async Task<(int Code, string Output)> RunAsync(string directory, string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
