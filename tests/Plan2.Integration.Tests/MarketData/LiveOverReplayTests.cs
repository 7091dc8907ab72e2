using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Plan2.Abstractions.MarketData;
using Plan2.Hosting.MarketData;
using Plan2.Integration.Tests.Infrastructure;
using Plan2.MarketData.Bridge;

namespace Plan2.Integration.Tests.MarketData;

/// <summary>
/// A silo replaying history for two symbols while a live MT5 terminal starts streaming one of them: the terminal
/// takes precedence for its symbol (replayed history is older than its ticks and would only be refused as out of
/// order), the replay goes on for the other, and the feed health says which symbol went live and from where.
/// </summary>
public sealed class LiveOverReplayTests() : DatabaseTest("live-replay")
{
    private const string Live = "LIVEUSD", Replayed = "REPLUSD";
    private readonly string _folder = Directory.CreateTempSubdirectory("plan2-replay-").FullName;
    private InProcessSilo _silo = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var symbol in new[] { Live, Replayed })
            await File.WriteAllLinesAsync(Path.Combine(_folder, $"{symbol}_M1.csv"), Bars(600));
        _silo = await InProcessSilo.StartAsync(ClusterId, Db, settings: new Dictionary<string, string?>
        {
            ["Plan2:Replay:Enabled"] = "true", ["Plan2:Replay:Folder"] = _folder, ["Plan2:Replay:Speed"] = "6000",
        });
    }

    [Fact]
    public async Task TerminalStreamingAReplayedSymbol_TakesItOver_TheReplayGoesOnForTheOthers_AndFeedHealthSaysSo()
    {
        await WaitForAsync(async () => (await SnapshotAsync(Live)).AcceptedTicks > 0 && (await SnapshotAsync(Replayed)).AcceptedTicks > 0, "the replay");
        var bridge = _silo.Services.GetRequiredService<BridgeService>();
        await using var terminal = new BridgeClient(new BridgeClientOptions
        {
            Host = "127.0.0.1", Port = bridge.Server.LocalEndPoint.Port, Token = bridge.Token, TerminalId = "live-terminal", Symbols = [Live],
        });
        await terminal.ConnectAsync(CancellationToken.None);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 1_000;
        for (var i = 0; i < 10; i++)
            terminal.Append(0, now + i, 1.3 + i * 0.00001, 1.3001 + i * 0.00001);
        await terminal.FlushAsync(CancellationToken.None);
        await terminal.WaitForAckAsync(0, 10, CancellationToken.None);
        // The replay has let the symbol go once its health says so; a batch already on its way then may still arrive.
        await WaitForAsync(async () => (await _silo.Grains.GetGrain<IMarketFeedGrain>(IMarketFeedGrain.Key).GetAllAsync())
            .FirstOrDefault(f => f.Kind == "replay") is { } r && !r.Symbols.Contains(Live), "the replay's health without the live symbol");
        await Task.Delay(500);
        var live = await SnapshotAsync(Live);
        var replayed = await SnapshotAsync(Replayed);

        await Task.Delay(2_000);

        var liveAfter = await SnapshotAsync(Live);
        Assert.Equal(live.RejectedByReason.GetValueOrDefault("out_of_order"), liveAfter.RejectedByReason.GetValueOrDefault("out_of_order"));
        Assert.Equal(now + 9, liveAfter.LastQuote!.TimeUnixMs); // the terminal's quote stands
        Assert.True((await SnapshotAsync(Replayed)).AcceptedTicks > replayed.AcceptedTicks, "the replay stopped for the other symbol");
        FeedHealth? replay = null;
        await WaitForAsync(async () => (replay = (await _silo.Grains.GetGrain<IMarketFeedGrain>(IMarketFeedGrain.Key).GetAllAsync())
            .FirstOrDefault(f => f.Kind == "replay")) is { } r && !r.Symbols.Contains(Live), "the replay's health without the live symbol");
        Assert.Equal([Replayed], replay!.Symbols);
        Assert.Contains($"{Live} live from terminal 'live-terminal'", replay.Description);
    }

    private Task<InstrumentSnapshot> SnapshotAsync(string symbol) => _silo.Grains.GetGrain<IInstrumentGrain>(symbol).GetSnapshotAsync(0);

    private static async Task WaitForAsync(Func<Task<bool>> done, string what)
    {
        for (var attempt = 0; attempt < 150; attempt++, await Task.Delay(200))
            if (await done())
                return;
        Assert.Fail($"Timed out waiting for {what}.");
    }

    /// <summary>One-minute bars in the plain "yyyy-MM-dd HH:mm,O,H,L,C,V" export, a small walk around 1.3.</summary>
    private static IEnumerable<string> Bars(int count)
    {
        var start = new DateTime(2021, 1, 25, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            var open = 1.3 + (i % 20) * 0.0001;
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{start.AddMinutes(i):yyyy-MM-dd HH:mm},{open:F5},{open + 0.0002:F5},{open - 0.0002:F5},{open + 0.0001:F5},10");
        }
    }

    public override async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
        await base.DisposeAsync();
    }
}
