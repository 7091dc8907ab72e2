using Plan2.Integration.Tests.Infrastructure;
using Plan2.MarketData.Bridge;
using Plan2.Storage.ClickHouse;
using Xunit.Abstractions;

namespace Plan2.Integration.Tests.Faults;

/// <summary>
/// The one window ClickHouse leaves open: the silo stores a write's ticks, then its feed cursors, in two inserts. Here the
/// silo is killed (SIGKILL) exactly between them: the front, which sees every statement, kills it when the cursor insert
/// arrives and refuses that insert. A new silo takes over, the terminal resumes with the same session, and the store must
/// hold every tick exactly once: the stored ticks count for the resume position although their cursor never was stored.
/// </summary>
[Collection(ChDbFrontCollection.Name)]
public sealed class ClickHouseCrashBetweenInsertsTests(ChDbFrontFixture chdb, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Symbols = IngestKillTests.Symbols;
    private const int TicksBeforeCrash = 30_000, TicksAfterCrash = 20_000;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly string _dataDir = Directory.CreateTempSubdirectory("plan2-ch-crash-").FullName;
    private readonly int _bridgePort = FreePort.Next();
    private readonly int _siloPort = FreePort.Next();
    private readonly int _gatewayPort = FreePort.Next();
    private readonly string _token = Guid.NewGuid().ToString("n");
    private string _db = "";

    public async Task InitializeAsync() => _db = await TestServices.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        await TestServices.DropDatabaseAsync(_db);
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task SiloKilledAfterTheTickInsert_BeforeTheCursorInsert_EveryTickIsStoredExactlyOnce()
    {
        var front = chdb.Front;
        var clickHouse = chdb.ConnectionString("crash_" + Guid.NewGuid().ToString("n")[..8]);
        var symbols = Enumerable.Range(0, Symbols).Select(i => $"X{Guid.NewGuid().ToString("n")[..5].ToUpperInvariant()}{i}").ToArray();
        var t0 = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeMilliseconds();

        await using var first = await StartSiloAsync("a", clickHouse);
        await using var terminal = new BridgeClient(new BridgeClientOptions
        {
            Host = "127.0.0.1", Port = _bridgePort, Token = _token, TerminalId = "crash-terminal", Symbols = symbols,
            MaxTicksPerBatch = 500, HistoryCapacity = 1 << 18, ReleaseAcknowledged = true,
        });
        await terminal.ConnectAsync(CancellationToken.None);
        await IngestKillTests.AppendAsync(terminal, t0, 0, TicksBeforeCrash / 2);
        for (var s = 0; s < Symbols; s++)
            await terminal.WaitForAckAsync(s, TicksBeforeCrash / 2, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        // From now on the next cursor insert finds the silo dead: its ticks were inserted just before.
        var crashed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        front.Refuse = sql =>
        {
            if (!sql.Contains("INSERT INTO feed_cursors", StringComparison.Ordinal))
                return null;
            if (crashed.TrySetResult())
                first.Signal(PosixSignalNumber.Kill);
            return "the silo died before its cursor insert";
        };
        await IngestKillTests.AppendAsync(terminal, t0, TicksBeforeCrash / 2, TicksBeforeCrash / 2);
        await crashed.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(await first.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        front.Refuse = null;
        var ackedAtCrash = Enumerable.Range(0, Symbols).Select(terminal.AckedThrough).ToArray();
        await terminal.Closed.WaitAsync(TimeSpan.FromSeconds(30));

        await using var second = await StartSiloAsync("b", clickHouse);
        await IngestKillTests.ReconnectAsync(terminal);
        output.WriteLine($"acknowledged {string.Join(", ", ackedAtCrash)} at the crash; resumed from {string.Join(", ", terminal.Welcome!.NextSequences)}");
        // The ticks inserted just before the kill count: the resume lies beyond what was acknowledged (their cursor was not stored).
        Assert.Contains(Enumerable.Range(0, Symbols), s => terminal.Welcome!.NextSequences[s] > ackedAtCrash[s] + 1);
        await IngestKillTests.AppendAsync(terminal, t0, TicksBeforeCrash, TicksAfterCrash);
        for (var s = 0; s < Symbols; s++)
            await terminal.WaitForAckAsync(s, TicksBeforeCrash + TicksAfterCrash, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(120));
        second.Signal(PosixSignalNumber.Kill);
        Assert.True(await second.WaitForExitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(0, terminal.TicksLostSent);
        await using var store = new ClickHouseTickStore(clickHouse);
        for (var s = 0; s < Symbols; s++)
        {
            var stored = new List<(long Time, decimal Bid)>();
            await foreach (var tick in store.ReadTicksAsync(symbols[s], t0, t0 + 1_000_000))
                stored.Add((tick.TimeMs, tick.Bid.ToDecimal()));
            var expected = Enumerable.Range(0, TicksBeforeCrash + TicksAfterCrash)
                .Select(i => (IngestKillTests.Time(t0, i), (decimal)IngestKillTests.Bid(s, i))).ToList();
            Assert.Equal(expected.Count, stored.Count);
            Assert.Equal(expected, stored);
        }
    }

    /// <summary>A cluster-mode silo on the same data folder, ports and bridge port; a cluster of its own, so no dead member delays it.</summary>
    private async Task<ChildProcess> StartSiloAsync(string name, string clickHouse)
    {
        var cluster = $"chcrash-{name}-{Guid.NewGuid().ToString("n")[..8]}";
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
            ["ConnectionStrings__ClickHouse"] = clickHouse,
        });
        await process.WaitForOutputAsync("Plan2 silo up", StartTimeout);
        return process;
    }
}
