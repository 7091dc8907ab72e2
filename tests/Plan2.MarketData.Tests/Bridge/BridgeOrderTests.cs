using Microsoft.Extensions.Time.Testing;
using Plan2.Core.MarketData;
using Plan2.MarketData.Bridge;

namespace Plan2.MarketData.Tests.Bridge;

/// <summary>ORDER → ORDER_RESULT as a call with a timeout, and FILL reports, as the EA sends them.</summary>
public class BridgeOrderTests
{
    private static readonly OrderCommand Buy = new("TEN/ORD-1", "EURUSD", BridgeOrderSide.Buy, BridgeOrderType.Limit, 0.1m,
        Price.Parse("1.08450"), StopLoss: Price.Parse("1.0800"), TakeProfit: Price.Parse("1.0900"));

    [Fact]
    public async Task Order_RoundTrip_ResultCarriesTheTerminalsTicket()
    {
        await using var h = await BridgeHarness.StartAsync();
        OrderCommand? seen = null;
        await h.ConnectAsync(h.ClientOptions() with
        {
            OnOrder = o =>
            {
                seen = o;
                return new OrderResultMessage(o.ClientOrderId, o.Symbol, Mt5Retcode.Placed, 5_550_001, 0, o.Price.ToDouble(), 0.1, "placed");
            },
        });

        var report = await h.Server.SendOrderAsync("T1", Buy, CancellationToken.None);

        Assert.Equal(Buy, seen);
        Assert.Equal(ExecutionReportKind.Accepted, report.Kind);
        Assert.Equal(("TEN/ORD-1", 5_550_001UL, Mt5Retcode.Placed, Price.Parse("1.0845"), 0.1m), (report.ClientOrderId, report.OrderTicket,
            report.Retcode, report.Price, report.Volume));
        await h.Sink.WaitUntilAsync(s => s.Reports.Count == 1);
        Assert.Equal(report, h.Sink.Reports[0]);
    }

    [Fact]
    public async Task Order_RefusedByTheTradeServer_ReportedAsRejected()
    {
        await using var h = await BridgeHarness.StartAsync();
        await h.ConnectAsync(h.ClientOptions() with
        {
            OnOrder = o => new OrderResultMessage(o.ClientOrderId, o.Symbol, 10019, 0, 0, 0, 0, "No money"),
        });

        var report = await h.Server.SendOrderAsync("T1", Buy, CancellationToken.None);

        Assert.Equal((ExecutionReportKind.Rejected, 10019u, "No money"), (report.Kind, report.Retcode, report.Message));
    }

    [Fact]
    public async Task Order_NoResultInTime_TimesOut_LateResultStillReachesTheSink()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        await using var h = await BridgeHarness.StartAsync(o =>
        {
            o.OrderTimeout = TimeSpan.FromSeconds(2);
            o.HeartbeatTimeout = TimeSpan.FromMinutes(5);
        }, clock);
        using var release = new ManualResetEventSlim();
        using var received = new ManualResetEventSlim();
        await h.ConnectAsync(h.ClientOptions() with
        {
            OnOrder = o =>
            {
                received.Set();
                release.Wait(TimeSpan.FromSeconds(20)); // a terminal busy in OrderSend
                return new OrderResultMessage(o.ClientOrderId, o.Symbol, Mt5Retcode.Done, 77, 78, 1.0845, 0.1, "done");
            },
        });

        var pending = h.Server.SendOrderAsync("T1", Buy, CancellationToken.None);
        Assert.True(received.Wait(TimeSpan.FromSeconds(20)));
        await clock.AdvanceUntilAsync(pending.ContinueWith(_ => { }, TaskScheduler.Default), TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<TimeoutException>(() => pending);
        release.Set();
        await h.Sink.WaitUntilAsync(s => s.Reports.Count == 1);
        Assert.Equal((ExecutionReportKind.Accepted, 77UL), (h.Sink.Reports[0].Kind, h.Sink.Reports[0].OrderTicket));
    }

    [Fact]
    public async Task Order_ToATerminalNotConnected_Fails()
    {
        await using var h = await BridgeHarness.StartAsync();

        var refused = await Assert.ThrowsAsync<TerminalNotConnectedException>(() => h.Server.SendOrderAsync("NOBODY", Buy, CancellationToken.None));
        Assert.Equal("NOBODY", refused.TerminalId);
    }

    [Fact]
    public async Task Fill_ReachesTheSinkWithExactValues()
    {
        await using var h = await BridgeHarness.StartAsync();
        var client = await h.ConnectAsync(h.ClientOptions());

        await client.SendFillAsync(new FillMessage(9_001, 5_550_001, 4_400_001, 1_764_400_000_123, 1.08451, 0.07, BridgeOrderSide.Sell,
            "TEN/ORD-1", "EURUSD"), CancellationToken.None);

        await h.Sink.WaitUntilAsync(s => s.Reports.Count == 1);
        Assert.Equal(new ExecutionReport(ExecutionReportKind.Fill, "T1", "TEN/ORD-1", "EURUSD", 5_550_001, 9_001, 0, "",
            Price.Parse("1.08451"), 0.07m, 1_764_400_000_123, BridgeOrderSide.Sell), h.Sink.Reports[0]);
    }
}
