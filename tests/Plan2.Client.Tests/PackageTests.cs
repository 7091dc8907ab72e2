using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;

namespace Plan2.Client.Tests;

/// <summary>`dotnet pack src/Plan2.Client` makes the package integrators install: the SDK, its contracts, its README.</summary>
public sealed class PackageTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public async Task Pack_HoldsTheAssemblies_AndTheReadmeAsPackageReadme()
    {
        var repo = RepoRoot();
        var output = Directory.CreateTempSubdirectory("plan2-pack-").FullName;
        try
        {
            // --no-build: the test's own build has just built the SDK in this configuration.
            var pack = Process.Start(new ProcessStartInfo("dotnet", ["pack", Path.Combine(repo, "src", "Plan2.Client"), "-c", Configuration, "--no-build", "-nologo", "-o", output])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var log = await pack.StandardOutput.ReadToEndAsync() + await pack.StandardError.ReadToEndAsync();
            await pack.WaitForExitAsync();
            Assert.True(pack.ExitCode == 0, log);

            using var package = ZipFile.OpenRead(Assert.Single(Directory.GetFiles(output, "Plan2.Client.*.nupkg")));
            var entries = package.Entries.Select(e => e.FullName).ToHashSet();
            Assert.Contains("README.md", entries);
            Assert.Contains("lib/net10.0/Plan2.Client.dll", entries);
            Assert.Contains("lib/net10.0/Plan2.Abstractions.dll", entries);
            using var readme = new StreamReader(package.GetEntry("README.md")!.Open());
            Assert.Contains("Plan2Client.ConnectAsync", await readme.ReadToEndAsync());
            var nuspec = XDocument.Load(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            var ns = nuspec.Root!.Name.Namespace;
            Assert.Equal("README.md", nuspec.Descendants(ns + "readme").Single().Value);
            var dependencies = nuspec.Descendants(ns + "dependency").Select(d => d.Attribute("id")!.Value).ToList();
            Assert.Contains("Microsoft.Orleans.Client", dependencies);
            Assert.DoesNotContain("Plan2.Abstractions", dependencies); // inside the package, not a package of its own
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Plan2.Orleans.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Plan2.Orleans.sln not found above the test's folder.");
    }
}
