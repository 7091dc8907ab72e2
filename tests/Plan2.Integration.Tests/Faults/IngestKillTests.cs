using System.Runtime.InteropServices;
using Plan2.Integration.Tests.Infrastructure;
using Plan2.MarketData.Bridge;
using Plan2.Storage.ClickHouse;
using Plan2.Storage.DuckDb;
using Plan2.Storage.Ticks;
using Xunit.Abstractions;

namespace Plan2.Integration.Tests.Faults;

/// <summary>
/// Nothing acknowledged is lost: a terminal streams ticks into a silo process that is killed (SIGKILL) mid-stream, with
/// ticks in its write queue; a new silo process on the same data and bridge port takes over, the terminal reconnects
/// with the same session, and the store then holds every tick sent exactly once, in order. The terminal frees its
/// resend ring on ACK, as the protocol allows, so an acknowledgement given before the ticks were stored shows as a loss.
/// </summary>
[Collection(ChDbFrontCollection.Name)]
public sealed class IngestKillTests(ChDbFrontFixture chdb, ITestOutputHelper output) : IAsyncLifetime
{
    internal const int Symbols = 2;
    private const int TicksBeforeKill = 60_000, TicksAfterKill = 40_000;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly string _dataDir = Directory.CreateTempSubdirectory("plan2-ingest-kill-").FullName;
    private readonly int _bridgePort = FreePort.Next();
    // The restarted silo is the same silo: same port, so the same data folder (silo-{port}) and tick store.
    private readonly int _siloPort = FreePort.Next();
    private readonly int _gatewayPort = FreePort.Next();
    private readonly string _token = Guid.NewGuid().ToString("n");
    private string _db = "";
    private string? _clickHouse;

    public async Task InitializeAsync() => _db = await TestServices.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        await TestServices.DropDatabaseAsync(_db);
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }

    [Theory]
    [InlineData("duckdb")]
    [InlineData("clickhouse")]
    public async Task KilledSilo_EveryAcknowledgedTickIsStoredOnce_AndTheTerminalResendsTheRest(string engine)
    {
        // The ClickHouse engine (libchdb behind its HTTP front) lives in this test process: it outlives both silos.
        _clickHouse = engine == "clickhouse" ? chdb.ConnectionString("kill_" + Guid.NewGuid().ToString("n")[..8]) : null;
        var symbols = Enumerable.Range(0, Symbols).Select(i => $"K{Guid.NewGuid().ToString("n")[..5].ToUpperInvariant()}{i}").ToArray();
        var t0 = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeMilliseconds();
        await using var first = await StartSiloAsync("a");
        await using var terminal = new BridgeClient(new BridgeClientOptions
        {
            Host = "127.0.0.1", Port = _bridgePort, Token = _token, TerminalId = "kill-terminal", Symbols = symbols,
            MaxTicksPerBatch = 500, HistoryCapacity = 1 << 18, ReleaseAcknowledged = true,
        });
        await terminal.ConnectAsync(CancellationToken.None);

        // Half, acknowledged; then the rest, and the kill as soon as it is sent: ticks are queued, some acknowledged.
        await AppendAsync(terminal, t0, 0, TicksBeforeKill / 2);
        for (var s = 0; s < Symbols; s++)
            await terminal.WaitForAckAsync(s, TicksBeforeKill / 2, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        await AppendAsync(terminal, t0, TicksBeforeKill / 2, TicksBeforeKill / 2);
        first.Signal(PosixSignalNumber.Kill);
        var ackedAtKill = Enumerable.Range(0, Symbols).Select(terminal.AckedThrough).ToArray();
        output.WriteLine($"killed with {string.Join(", ", ackedAtKill)} of {TicksBeforeKill} acknowledged per symbol");
        Assert.True(await first.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        await terminal.Closed.WaitAsync(TimeSpan.FromSeconds(30));

        await using var second = await StartSiloAsync("b");
        await ReconnectAsync(terminal);
        output.WriteLine($"resumed from {string.Join(", ", terminal.Welcome!.NextSequences)}; ticks lost sent: {terminal.TicksLostSent}");
        await AppendAsync(terminal, t0, TicksBeforeKill, TicksAfterKill);
        for (var s = 0; s < Symbols; s++)
            await terminal.WaitForAckAsync(s, TicksBeforeKill + TicksAfterKill, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(120));
        // Acknowledged means committed: the second silo is killed too, and the store must still hold everything.
        second.Signal(PosixSignalNumber.Kill);
        Assert.True(await second.WaitForExitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(0, terminal.TicksLostSent);
        await using ITickStore store = _clickHouse is null
            ? await DuckDbTickStore.OpenAsync(Path.Combine(_dataDir, $"silo-{_siloPort}", "market.duckdb"))
            : new ClickHouseTickStore(_clickHouse);
        for (var s = 0; s < Symbols; s++)
        {
            var stored = new List<(long Time, decimal Bid)>();
            await foreach (var tick in store.ReadTicksAsync(symbols[s], t0, t0 + 1_000_000))
                stored.Add((tick.TimeMs, tick.Bid.ToDecimal()));
            var expected = Enumerable.Range(0, TicksBeforeKill + TicksAfterKill).Select(i => (Time(t0, i), (decimal)Bid(s, i))).ToList();
            // Both engines exactly once: ClickHouse stores ticks and cursor in two inserts, but the tick rows carry their feed
            // position, so a kill between the two does not make the terminal resend (and the store keep twice) stored ticks.
            Assert.Equal(expected.Count, stored.Count);
            Assert.Equal(expected, stored);
        }
    }

    /// <summary>Three ticks a millisecond, so that a restart lands inside a millisecond (its ticks keep their order numbers).</summary>
    internal static long Time(long t0, int i) => t0 + i / 3;

    internal static double Bid(int symbol, int i) => Math.Round(1.1 + symbol * 0.1 + (i % 10) * 0.00001 + (i % 7) * 0.000001, 6);

    internal static async Task AppendAsync(BridgeClient terminal, long t0, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            for (var s = 0; s < Symbols; s++)
                terminal.Append(s, Time(t0, i), Bid(s, i), Bid(s, i) + 0.0001);
            if (i % 1_000 == 999)
                await terminal.FlushAsync(CancellationToken.None);
        }
        await terminal.FlushAsync(CancellationToken.None);
    }

    internal static async Task ReconnectAsync(BridgeClient terminal)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                await terminal.ConnectAsync(CancellationToken.None);
                return;
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or BridgeRejectedException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }

    /// <summary>A cluster-mode silo on the same data folder, ports and bridge port; a cluster of its own, so no dead member delays it.</summary>
    private async Task<ChildProcess> StartSiloAsync(string name)
    {
        var cluster = $"ingestkill-{name}-{Guid.NewGuid().ToString("n")[..8]}";
        var process = ChildProcess.Start(RepoPaths.SiloDll, new Dictionary<string, string>
        {
            ["Plan2__Mode"] = "Cluster",
            ["Plan2__ClusterId"] = cluster,
            ["Plan2__ServiceId"] = cluster,
            ["ConnectionStrings__Redis"] = TestServices.Redis,
            ["ConnectionStrings__Postgres"] = _db,
            ["Plan2__DataDir"] = _dataDir,
            ["Plan2__SiloPort"] = _siloPort.ToString(),
            ["Plan2__GatewayPort"] = _gatewayPort.ToString(),
            ["Plan2__Bridge__Port"] = _bridgePort.ToString(),
            ["Plan2__Bridge__AuthToken"] = _token,
            ["Plan2__Replay__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["ConnectionStrings__ClickHouse"] = _clickHouse ?? "",
        });
        await process.WaitForOutputAsync("Plan2 silo up", StartTimeout);
        return process;
    }
}
