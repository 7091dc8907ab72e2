using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using Plan2.Tests.Shared;

namespace Plan2.Web.Tests.Infrastructure;

/// <summary>
/// The embedded platform started as a user starts it (dotnet Plan2.Web.dll): co-hosted silo, replay feed,
/// a temporary Plan2__DataDir, free ports on loopback. Killed and its data folder removed on dispose.
/// </summary>
public sealed class EmbeddedPlatform : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();

    private EmbeddedPlatform(Process process, string url, string dataDir, int bridgePort, int gatewayPort)
    {
        _process = process;
        Url = url;
        DataDir = dataDir;
        BridgePort = bridgePort;
        GatewayPort = gatewayPort;
    }

    public string Url { get; }
    public string DataDir { get; }

    /// <summary>
    /// The Backtests page's data folder (Plan2__Backtests__DataFolder): the shared history files, linked, and whatever
    /// a test writes there (a generated file long enough to cancel). Inside <see cref="DataDir"/>, so removed with it.
    /// </summary>
    public string HistoryDir => Path.Combine(DataDir, "history");
    public int BridgePort { get; }

    /// <summary>The co-hosted silo's client gateway (loopback): <see cref="PlatformGrains"/> calls grains through it.</summary>
    public int GatewayPort { get; }
    public string Output { get { lock (_gate) return _output.ToString(); } }

    /// <summary>The token a terminal needs for this platform's bridge (generated on first run).</summary>
    public string BridgeToken => File.ReadAllText(Path.Combine(DataDir, "bridge-token")).Trim();

    /// <summary>
    /// Starts the platform. With <paramref name="configuredAdmin"/> its platform admin is TestDesk's (from
    /// Plan2__Bootstrap__*); without, it makes a one-time password as on a user's first start.
    /// </summary>
    public static async Task<EmbeddedPlatform> StartAsync(bool configuredAdmin = true)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var dataDir = Directory.CreateTempSubdirectory("plan2-web-tests-").FullName;
        var bridgePort = FreePort();
        var dll = WebDll();
        var info = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.WithoutInherited(); // the README's embedded platform, whatever the calling shell configures
        info.Environment["ASPNETCORE_URLS"] = url;
        info.Environment["Plan2__DataDir"] = dataDir;
        info.Environment["Plan2__SiloPort"] = FreePort().ToString();
        var gatewayPort = FreePort();
        info.Environment["Plan2__GatewayPort"] = gatewayPort.ToString();
        // The tests' own client reports errors as a silo's ErrorDNA collector does, which no API-key grant allows (the
        // SDK's grant checks have their own tests in Plan2.Client.Tests): trust loopback gateway clients, as a cluster does.
        info.Environment["Plan2__GatewayRequiresApiKey"] = "false";
        info.Environment["Plan2__Bridge__Port"] = bridgePort.ToString();
        info.Environment["Plan2__Backtests__DataFolder"] = LinkSharedHistory(Path.Combine(dataDir, "history"));
        info.Environment["Plan2__Replay__Speed"] = "600"; // an M1 bar every 100 ms: charts and predictions fill within seconds
        info.Environment["Plan2__Predictions__Retrain__Every"] = "00:00:00";
        // Says when a circuit ends because its page was left (Blazor's disconnect beacon): the browser tests' cleanup is checked by it.
        info.Environment["Logging__LogLevel__Microsoft.AspNetCore.Components.Server.CircuitDisconnectMiddleware"] = "Debug";
        if (configuredAdmin)
        {
            info.Environment["Plan2__Bootstrap__AdminEmail"] = TestDesk.AdminEmail;
            info.Environment["Plan2__Bootstrap__AdminPassword"] = TestDesk.Password;
        }
        else
        {
            info.Environment["Plan2__Bootstrap__AdminEmail"] = "";
            info.Environment["Plan2__Bootstrap__AdminPassword"] = "";
        }
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var platform = new EmbeddedPlatform(process, url, dataDir, bridgePort, gatewayPort);
        process.OutputDataReceived += (_, e) => platform.Append(e.Data);
        process.ErrorDataReceived += (_, e) => platform.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + StartTimeout;
        while (!platform.Output.Contains("Plan2 dashboard (Embedded mode): " + url, StringComparison.Ordinal))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var output = platform.Output;
                await platform.DisposeAsync();
                throw new InvalidOperationException($"The platform did not start (exited: {process.HasExited}):\n{output}");
            }
            await Task.Delay(100);
        }
        return platform;
    }

    /// <summary>Links (never copies) each shared history file into <paramref name="folder"/> under its own relative path.</summary>
    private static string LinkSharedHistory(string folder)
    {
        Directory.CreateDirectory(folder);
        if (Plan2.MarketData.Replay.SharedHistory.Find() is not { } shared)
            return folder;
        foreach (var file in Directory.EnumerateFiles(shared, "*", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 2 })
                     .Where(f => Path.GetExtension(f) is ".csv" or ".txt"))
        {
            var link = Path.Combine(folder, Path.GetRelativePath(shared, file));
            Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            File.CreateSymbolicLink(link, file);
        }
        return folder;
    }

    private void Append(string? line)
    {
        if (line is not null)
            lock (_gate) _output.AppendLine(line);
    }

    /// <summary>This checkout's web build, or PLAN2_TEST_WEB_DLL's (to measure another build with the same tests, before against after).</summary>
    private static string WebDll()
    {
        if (Environment.GetEnvironmentVariable("PLAN2_TEST_WEB_DLL") is { Length: > 0 } other)
            return File.Exists(other) ? other : throw new FileNotFoundException("PLAN2_TEST_WEB_DLL names no file", other);
        var configuration = typeof(EmbeddedPlatform).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var dll = Path.Combine(dir.FullName, "web", "bin", configuration, "net10.0", "Plan2.Web.dll");
            if (File.Exists(Path.Combine(dir.FullName, "Plan2.Orleans.sln")))
                return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is not built: build this test project or the solution first.", dll);
        }
        throw new InvalidOperationException("Plan2.Orleans.sln not found above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await _process.WaitForExitAsync(cts.Token); } catch (OperationCanceledException) { }
        }
        _process.Dispose();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
