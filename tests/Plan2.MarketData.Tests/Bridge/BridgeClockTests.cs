using System.Net;
using System.Net.Sockets;
using Plan2.Core.MarketData;
using Plan2.MarketData.Bridge;

namespace Plan2.MarketData.Tests.Bridge;

/// <summary>
/// Broker time: MqlTick.time_msc is on the trade server's clock (UTC+2/+3 with daylight saving). The
/// EA, and so its twin, sends UTC and reports the offset it applies; the server says when a terminal's
/// clock is off.
/// </summary>
public class BridgeClockTests
{
    private static readonly TimeSpan Eet = TimeSpan.FromHours(2), Eest = TimeSpan.FromHours(3);

    [Fact]
    public async Task Utc3Broker_AcrossDaylightSavingSwitch_EveryTickAcceptedAtItsUtcTime()
    {
        await using var h = await BridgeHarness.StartAsync();
        var broker = new ShiftedClock(Eet);
        var client = await h.ConnectAsync(h.ClientOptions() with { TradeServerClock = broker });
        Assert.Equal(Eet, client.BrokerOffset);
        const int count = 3_000;
        var firstUtc = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds();
        long UtcOf(long n) => firstUtc + n * 100;

        for (var n = 1; n <= count; n++)
        {
            if (n == count / 2)
                broker.Offset = Eest; // the trade server's clock jumps an hour forward mid-stream
            var (_, bid, ask) = BridgeHarness.TickAt(n);
            client.Append(0, UtcOf(n) + (long)broker.Offset.TotalMilliseconds, bid, ask);
            if (n % 500 == 0)
                await client.FlushAsync(CancellationToken.None);
        }
        await client.WaitForAckAsync(0, count, CancellationToken.None);

        var ticks = h.Sink.Ticks("EURUSD");
        Assert.Equal(Enumerable.Range(1, count).Select(n => UtcOf(n)), ticks.Select(t => t.TimeMs));
        var validator = new TickValidator(TickValidationOptions.Default, TimeProvider.System);
        Assert.All(ticks, t => Assert.Equal(TickRejectReason.None, validator.Validate(t.TimeMs, t.Bid, t.Ask, out _)));
        // Unconverted, the same ticks would be three hours in the future: what main did with a real broker.
        Assert.Equal(TickRejectReason.InFuture,
            new TickValidator(TickValidationOptions.Default, TimeProvider.System).Validate(UtcOf(count) + (long)Eest.TotalMilliseconds, 1.1, 1.1001, out _));

        var clock = Assert.Single(h.Server.GetHealth().Connections).Clock;
        Assert.Equal(Eest, clock.BrokerOffset);
        Assert.Equal(BridgeProtocol.Version, clock.ProtocolVersion);
        Assert.Equal(0, clock.TicksAhead);
        Assert.Null(clock.Problem);
        var offsetsLogged = h.Logger.Entries.Select(e => e.Text).Where(t => t.Contains("trade server clock at")).ToList();
        Assert.Contains(offsetsLogged, t => t.Contains("UTC+02:00"));
        Assert.Contains(offsetsLogged, t => t.Contains("UTC+03:00"));
    }

    [Fact]
    public async Task BrokerDeal_SentInUtc()
    {
        await using var h = await BridgeHarness.StartAsync();
        var client = await h.ConnectAsync(h.ClientOptions() with { TradeServerClock = new ShiftedClock(Eest) });
        const long utc = 1_764_400_000_123;

        await client.SendFillAsync(new FillMessage(1, 2, 3, utc + (long)Eest.TotalMilliseconds, 1.1, 0.1, BridgeOrderSide.Buy, "A-1", "EURUSD"),
            CancellationToken.None);

        await h.Sink.WaitUntilAsync(s => s.Reports.Count == 1);
        Assert.Equal(utc, h.Sink.Reports[0].TimeUnixMs);
    }

    [Fact]
    public async Task V1TerminalSendingTradeServerTime_FlaggedAsClockOff()
    {
        await using var h = await BridgeHarness.StartAsync();
        var client = await h.ConnectAsync(h.ClientOptions() with { ProtocolVersion = 1 });
        var brokerNow = DateTimeOffset.UtcNow.Add(Eest).ToUnixTimeMilliseconds();
        for (var n = 0; n < 50; n++)
            client.Append(0, brokerNow + n, 1.1, 1.1001);
        client.Append(0, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 60 * 60_000, 1.1, 1.1001);
        await client.FlushAsync(CancellationToken.None);
        await client.WaitForAckAsync(0, 51, CancellationToken.None);

        var connection = Assert.Single(h.Server.GetHealth().Connections);
        Assert.Equal(1, connection.Clock.ProtocolVersion);
        Assert.Equal(51, connection.Clock.TicksAhead);
        Assert.InRange(connection.Clock.MaxTickLead, TimeSpan.FromHours(2.9), TimeSpan.FromHours(3.1));
        Assert.Contains("v1 EA", connection.Clock.Problem);
        Assert.StartsWith("clock off: T1: 51 tick(s)", TerminalClockReport.Problems(h.Server.GetHealth().Connections));
        Assert.Equal(51, h.Sink.Ticks("EURUSD").Count); // delivered: the instruments' validation decides
    }

    [Fact]
    public async Task TerminalWhoseUtcClockIsWrong_FlaggedAsClockOff()
    {
        await using var h = await BridgeHarness.StartAsync();
        var healthy = await h.ConnectAsync(h.ClientOptions("T1"));
        var wrong = await h.ConnectAsync(h.ClientOptions("T2") with { Time = new ShiftedClock(TimeSpan.FromMinutes(-10)) });

        var connections = h.Server.GetHealth().Connections;
        Assert.Null(connections.Single(c => c.TerminalId == "T1").Clock.Problem);
        var off = connections.Single(c => c.TerminalId == "T2").Clock;
        Assert.InRange(off.TerminalSkew!.Value, TimeSpan.FromMinutes(-10.1), TimeSpan.FromMinutes(-9.9));
        Assert.Contains("behind the server's", off.Problem);
        Assert.StartsWith("clock off: T2: the terminal's UTC clock is", TerminalClockReport.Problems(connections));
        Assert.NotNull(healthy);
    }

    [Fact]
    public async Task OlderServerRefusesVersion2_ClientFallsBackToVersion1()
    {
        using var oldServer = new TcpListener(IPAddress.Loopback, 0);
        oldServer.Start();
        var options = new BridgeClientOptions
        {
            Host = "127.0.0.1", Port = ((IPEndPoint)oldServer.LocalEndpoint).Port, Token = BridgeHarness.Token, TerminalId = "T1", Symbols = ["EURUSD"],
        };
        await using var client = new BridgeClient(options);
        var connect = client.ConnectAsync(CancellationToken.None);
        using (var peer = await oldServer.AcceptTcpClientAsync())
        {
            var stream = peer.GetStream();
            var header = new byte[BridgeProtocol.HeaderSize];
            await stream.ReadExactlyAsync(header);
            Assert.Equal(BridgeProtocol.Version, header[2]);
            // What a v1 server answers: REJECT 2 in a v1 frame, naming version 1.
            await stream.WriteAsync(WireBytes.Frame(3, 1, new WireBytes().U16(2).U8(1).U8(0).Str("protocol version 2; this server speaks 1"), version: 1));
            var rejected = await Assert.ThrowsAsync<BridgeRejectedException>(() => connect);
            Assert.Equal(RejectReason.UnsupportedVersion, rejected.Reject.Reason);
        }
        Assert.Equal(1, client.ProtocolVersion);

        await using var h = await BridgeHarness.StartAsync();
        var again = await h.ConnectAsync(h.ClientOptions() with { ProtocolVersion = client.ProtocolVersion });
        Assert.Equal(1, Assert.Single(h.Server.GetHealth().Connections).Clock.ProtocolVersion);
        BridgeHarness.AppendTicks(again, 0, 1, 10);
        await again.FlushAsync(CancellationToken.None);
        await again.WaitForAckAsync(0, 10, CancellationToken.None);
        h.AssertDeliveredExactly("EURUSD", 10);
    }

    [Fact]
    public async Task HandPackedClock_AsDocumented_OnlyInVersion2()
    {
        await using var h = await BridgeHarness.StartAsync();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var clock = new WireBytes().I64(3 * 3_600_000).I64(now).I64(now + 3 * 3_600_000 + 12_000);
        var v2 = await h.RawAsync();
        await v2.SendAsync(WireBytes.Frame(1, 1, WireBytes.Hello(BridgeHarness.Token, "T2", 7, "EURUSD")));
        Assert.Equal((int)BridgeMessageType.Welcome, (await v2.ReadFrameAsync())!.Value.Type);
        await v2.SendAsync(WireBytes.Frame(12, 2, clock));
        var v1 = await h.RawAsync();
        await v1.SendAsync(WireBytes.Frame(1, 1, WireBytes.Hello(BridgeHarness.Token, "T1", 8, "EURUSD"), version: 1));
        Assert.Equal((int)BridgeMessageType.Welcome, (await v1.ReadFrameAsync())!.Value.Type);
        await v1.SendAsync(WireBytes.Frame(12, 2, clock, version: 1));
        await v1.ReadUntilClosedAsync();

        Assert.Equal(1, h.Totals.FaultCount(BridgeFault.UnexpectedType));
        BridgeConnectionHealth Connection() => h.Server.GetHealth().Connections.Single(c => c.TerminalId == "T2");
        for (var attempt = 0; attempt < 100 && Connection().Clock.BrokerOffset is null; attempt++)
            await Task.Delay(50); // nothing answers CLOCK: wait until the server has read it
        var connection = Connection();
        Assert.Equal(Eest, connection.Clock.BrokerOffset);
        Assert.Contains("(trade server UTC+03:00, times sent in UTC)", TerminalClockReport.Label(connection));
    }

    [Theory]
    [InlineData(7_199, 7_200)]
    [InlineData(10_801, 10_800)]
    [InlineData(449, 0)]
    [InlineData(450, 900)]
    [InlineData(-12_600, -12_600)]
    [InlineData(-451, -900)]
    public void Offset_RoundedToQuarterHour(long rawSeconds, long expected) =>
        Assert.Equal(expected, BridgeClient.RoundOffsetSeconds(rawSeconds));
}
