using Plan2.Integration.Tests.Infrastructure;

namespace Plan2.Integration.Tests.Faults;

/// <summary>
/// Silo processes of one cluster on loopback, as an operator runs them: Redis membership, PostgreSQL state,
/// each with its own data folder, silo, gateway and bridge ports. Faults are real signals to real processes.
/// </summary>
public sealed class SiloProcesses : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly List<Silo> _silos = [];

    private SiloProcesses(string clusterId) => ClusterId = clusterId;

    public string ClusterId { get; }
    public IReadOnlyList<Silo> Silos => _silos;

    public sealed record Silo(ChildProcess Process, int SiloPort, int GatewayPort, string DataDir);

    public static async Task<SiloProcesses> StartAsync(string clusterId, string postgres, int count)
    {
        var cluster = new SiloProcesses(clusterId);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var (siloPort, gatewayPort) = (FreePort.Next(), FreePort.Next());
                var dataDir = Directory.CreateTempSubdirectory("plan2-fault-silo-").FullName;
                var environment = new Dictionary<string, string>
                {
                    ["Plan2__Mode"] = "Cluster",
                    ["Plan2__ClusterId"] = clusterId,
                    ["Plan2__ServiceId"] = clusterId,
                    ["ConnectionStrings__Redis"] = TestServices.Redis,
                    ["ConnectionStrings__Postgres"] = postgres,
                    ["Plan2__DataDir"] = dataDir,
                    ["Plan2__SiloPort"] = siloPort.ToString(),
                    ["Plan2__GatewayPort"] = gatewayPort.ToString(),
                    ["Plan2__Bridge__Port"] = FreePort.Next().ToString(),
                    ["Plan2__Replay__Enabled"] = "false",
                    ["Logging__LogLevel__Default"] = "Warning",
                };
                if (SendTrace.Enabled)
                {
                    environment["Logging__LogLevel__Orleans.Runtime.MembershipService"] = "Information";
                    environment["Logging__LogLevel__Plan2.Grains.Trading.Accounts.AccountGrain"] = "Information"; // activation and first-placement costs
                    environment["Logging__LogLevel__Plan2.Hosting.Trading.ReplayWarmUpService"] = "Information"; // when the order path was warm
                    environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
                    environment["Logging__Console__FormatterOptions__UseUtcTimestamp"] = "true";
                }
                var process = ChildProcess.Start(RepoPaths.SiloDll, environment);
                cluster._silos.Add(new Silo(process, siloPort, gatewayPort, dataDir));
                // One at a time: a joining silo must reach every active one, which on a busy machine goes better in turn.
                await process.WaitForOutputAsync("Plan2 silo up", StartTimeout);
            }
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The silo listening on <paramref name="siloPort"/> (a SiloAddress's endpoint port).</summary>
    public Silo BySiloPort(int siloPort) =>
        _silos.SingleOrDefault(s => s.SiloPort == siloPort) ?? throw new InvalidOperationException($"No silo of ours on port {siloPort}.");

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.Process.DisposeAsync();
            try { Directory.Delete(silo.DataDir, recursive: true); } catch (IOException) { }
        }
    }
}
