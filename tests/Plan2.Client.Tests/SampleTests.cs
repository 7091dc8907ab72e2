using System.Diagnostics;

namespace Plan2.Client.Tests;

/// <summary>The README's sample runs as integrators run it: a process against the embedded platform's gateway.</summary>
[Collection(EmbeddedPlatformCollection.Name)]
public sealed class SampleTests(EmbeddedPlatformFixture platform)
{
    [Fact]
    public async Task Sample_ConnectsWatchesAQuote_AndPrintsTheFillAndPosition()
    {
        var (_, _, key) = await platform.NewTenantWithKeyAsync("tenant-admin");
        var sample = Path.Combine(AppContext.BaseDirectory.Replace("tests/Plan2.Client.Tests", "src/Plan2.Client.Sample", StringComparison.Ordinal), "Plan2.Client.Sample.dll");
        var start = new ProcessStartInfo("dotnet", [sample]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PLAN2_API_KEY"] = key;
        start.Environment["PLAN2_GATEWAY"] = $"127.0.0.1:{platform.GatewayPort}";
        start.Environment["PLAN2_SYMBOL"] = "AUDUSD";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();

        // The sample waits for a quote: feed one until it has one and is done.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        while (!process.HasExited && !deadline.IsCancellationRequested)
        {
            await platform.PublishQuoteAsync("AUDUSD", 0.65000m, 0.65010m);
            await Task.Delay(100);
        }
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();

        var printed = await output;
        Assert.True(process.ExitCode == 0, printed + await errors);
        Assert.Contains("quote: AUDUSD bid 0.65 ask 0.6501", printed);
        Assert.Matches(@": Filled, 0\.10? lots at 0\.65010*\r?\n", printed);
        Assert.Matches(@"position: AUDUSD Buy 0\.10? lots at 0\.65010*\r?\n", printed);
    }
}
