using System.Diagnostics;
using Plan2.Integration.Tests.Infrastructure;

namespace Plan2.Integration.Tests;

public sealed class DockerComposeTests
{
    /// <summary>No Docker engine runs here; the compose file is validated offline as users' docker-compose would.</summary>
    [Fact]
    public async Task ComposeFile_ValidatesOffline()
    {
        var info = new ProcessStartInfo("docker-compose", ["-f", "docker-compose.yml", "config", "-q"])
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(info)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, "docker-compose config: " + errors);
    }
}
