using System.Diagnostics;
using System.Text.RegularExpressions;
using Plan2.Integration.Tests.Infrastructure;

namespace Plan2.Integration.Tests;

public sealed class DockerComposeTests
{
    /// <summary>No Docker engine runs here; the compose file is validated offline as users' docker-compose would.</summary>
    [Fact]
    public async Task ComposeFile_ValidatesOffline()
    {
        var (code, _, errors) = await ComposeAsync("config", "-q");

        Assert.True(code == 0, "docker-compose config: " + errors);
    }

    /// <summary>
    /// What a working cluster needs from the resolved file: each silo's bridge listening on all
    /// addresses of its container and published on its own host port, its data on a volume, ClickHouse
    /// as its tick store (waited for), its health endpoint on a port of its own, and images built by the
    /// Dockerfiles that publish models and trainer.
    /// </summary>
    [Fact]
    public async Task ComposeFile_SilosExposeTheirBridges_AndStoreTicksInClickHouse()
    {
        var (code, config, errors) = await ComposeAsync("config");
        Assert.True(code == 0, errors);

        var published = new List<string>();
        foreach (var silo in new[] { "silo1", "silo2" })
        {
            var block = Service(config, silo);
            Assert.Contains("dockerfile: silo/Dockerfile", block);
            Assert.Contains("Plan2__Bridge__Host: 0.0.0.0", block);
            Assert.Contains("Plan2__Bridge__Port: '5710'", block);
            Assert.Matches(@"- published: \d+\s+target: 5710", block);
            published.Add(Regex.Match(block, @"published: (\d+)\s+target: 5710").Groups[1].Value);
            Assert.Contains("ConnectionStrings__ClickHouse: Host=clickhouse;", block);
            Assert.Matches(@"clickhouse:\s+condition: service_healthy", block);
            Assert.Contains(":/data:rw", block);
            Assert.Contains("restart: unless-stopped", block); // a silo declared dead stops itself: something must start it again
            // Its health endpoint is on (0, the default, is none) and on a port of its own within the container.
            var health = Regex.Match(block, @"Plan2__Health__Port: '(\d+)'");
            Assert.True(health.Success, $"{silo} sets no Plan2__Health__Port: an orchestrator has nothing to probe");
            Assert.NotEqual("0", health.Groups[1].Value);
            var taken = Regex.Matches(block, @"Plan2__(?:SiloPort|GatewayPort|Bridge__Port): '(\d+)'").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(3, taken.Count);
            Assert.DoesNotContain(health.Groups[1].Value, taken);
        }
        Assert.Equal(2, published.Distinct().Count());
        Assert.Contains("healthcheck", Service(config, "clickhouse"));
        foreach (var project in new[] { "silo", "web" })
            Assert.Contains($"dotnet publish {project}/Plan2.", await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, project, "Dockerfile")));
    }

    /// <summary>The Telegram bot as its own service: a cluster client built by bot/Dockerfile, the only one given the token.</summary>
    [Fact]
    public async Task ComposeFile_RunsTheBotAsItsOwnClientService_WithTheTokenOnlyThere()
    {
        var (code, config, errors) = await ComposeAsync("config");
        Assert.True(code == 0, errors);

        var bot = Service(config, "bot");
        Assert.Contains("dockerfile: bot/Dockerfile", bot);
        Assert.Contains("ConnectionStrings__Redis: redis:6379", bot);
        Assert.Contains("Plan2__Mode: Cluster", bot);
        Assert.Contains("Telegram__BotToken:", bot);
        Assert.DoesNotContain("Telegram__BotToken", Service(config, "web")); // one poller per token
        Assert.Contains("dotnet publish bot/Plan2.Bot.csproj", await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "bot", "Dockerfile")));
    }

    private static string Service(string config, string name)
    {
        var start = config.IndexOf($"\n  {name}:\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"service {name} missing");
        var next = Regex.Match(config[(start + 1)..], @"\n  \S[^\n]*:\n");
        return next.Success ? config.Substring(start, next.Index + 1) : config[start..];
    }

    private static async Task<(int Code, string Output, string Errors)> ComposeAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("docker-compose", ["-f", "docker-compose.yml", .. arguments])
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        info.Environment.Remove("PLAN2_BRIDGE_TOKEN");
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, errors);
    }
}
