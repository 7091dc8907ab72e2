using Plan2.Integration.Tests.Infrastructure;
using Plan2.MarketData.Bridge;

namespace Plan2.Integration.Tests.Processes;

/// <summary>
/// The README's "cluster by hand" recipe as written: two silo processes on one machine that differ only
/// in their silo and gateway ports and share the data folder. Each must get its own bridge port and
/// its own DuckDB file by default (on main both took bridge port 5710 and the same market.duckdb).
/// </summary>
public sealed class ClusterRecipeTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TwoSilosOfTheRecipe_OnlyTheirPortsSet_EachRunsItsOwnBridgeAndStore()
    {
        var clusterId = "recipe-" + Guid.NewGuid().ToString("n")[..8];
        var db = await TestServices.CreateDatabaseAsync();
        var dataDir = Directory.CreateTempSubdirectory("plan2-recipe-").FullName; // shared, as ~/.local/share/plan2 would be
        try
        {
            // The recipe's ports are 11111 and 11112; a test cannot count on those being free, so it keeps
            // their shape (two neighbours) somewhere free, with the bridge ports they imply.
            var siloPort = FreeNeighbourSiloPorts();
            var silos = new List<ChildProcess>();
            foreach (var port in new[] { siloPort, siloPort + 1 })
                silos.Add(ChildProcess.Start(RepoPaths.SiloDll, new Dictionary<string, string>
                {
                    ["Plan2__Mode"] = "Cluster",
                    ["Plan2__ClusterId"] = clusterId,
                    ["Plan2__ServiceId"] = clusterId,
                    ["ConnectionStrings__Redis"] = TestServices.Redis,
                    ["ConnectionStrings__Postgres"] = db,
                    ["Plan2__DataDir"] = dataDir,
                    ["Plan2__SiloPort"] = port.ToString(),
                    ["Plan2__GatewayPort"] = FreePort.Next().ToString(),
                }));
            try
            {
                for (var i = 0; i < 2; i++)
                {
                    var port = siloPort + i;
                    var bridgePort = BridgePortOf(port);
                    await silos[i].WaitForOutputAsync("Plan2 silo up", StartTimeout);
                    // The console logger writes from its own queue: under load its bridge line can follow "silo up".
                    await silos[i].WaitForOutputAsync("MT5 bridge listening on", StartTimeout);
                    Assert.Matches($@"MT5 bridge listening on \S*127\.0\.0\.1\]?:{bridgePort};", silos[i].Output);
                    var own = Path.Combine(dataDir, $"silo-{port}");
                    Assert.True(File.Exists(Path.Combine(own, "market.duckdb")), $"no market.duckdb in {own}");

                    await using var terminal = new BridgeClient(new BridgeClientOptions
                    {
                        Host = "127.0.0.1", Port = bridgePort, Token = (await File.ReadAllTextAsync(Path.Combine(own, "bridge-token"))).Trim(),
                        TerminalId = "recipe-terminal", Symbols = ["EURUSD"],
                    });
                    await terminal.ConnectAsync(CancellationToken.None);
                    Assert.NotNull(terminal.Welcome);
                }
                Assert.DoesNotContain(silos, s => s.HasExited);
            }
            finally
            {
                foreach (var silo in silos)
                    await silo.DisposeAsync();
            }
        }
        finally
        {
            await TestServices.DropDatabaseAsync(db);
            Directory.Delete(dataDir, recursive: true);
        }
    }

    /// <summary>The rule the silos follow (BridgeService.DefaultPort): 5710 + (silo port − 11111).</summary>
    private static int BridgePortOf(int siloPort) => 5710 + (siloPort - 11111);

    private static int FreeNeighbourSiloPorts()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = 11111 + Random.Shared.Next(2_000, 20_000);
            if (FreePort.IsFree(port) && FreePort.IsFree(port + 1) && FreePort.IsFree(BridgePortOf(port)) && FreePort.IsFree(BridgePortOf(port + 1)))
                return port;
        }
        throw new InvalidOperationException("No free pair of silo ports with free bridge ports found.");
    }
}
