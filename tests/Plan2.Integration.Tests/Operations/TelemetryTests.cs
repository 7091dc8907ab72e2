using System.Net;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;
using Plan2.Abstractions.Trading;
using Plan2.Core.Risk;
using Plan2.Integration.Tests.Infrastructure;
using Plan2.Integration.Tests.Restarts;

namespace Plan2.Integration.Tests.Operations;

/// <summary>
/// A cluster silo with OTEL_EXPORTER_OTLP_ENDPOINT set exports our meters (ticks, orders, risk refusals by reason,
/// prediction latency), Orleans' and traces to an OTLP/HTTP receiver.
/// </summary>
public sealed class TelemetryTests() : DatabaseTest("otel")
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task WithAnOtlpEndpoint_TicksOrdersRefusalsPredictionsAndOrleansMetersAndGrainCallTracesAreExported_AndHealthAnswers()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var healthPort = FreePort.Next();
        await using var silo = await InProcessSilo.StartAsync(ClusterId, Db, settings: new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "500",
            ["Plan2:Health:Port"] = healthPort.ToString(),
        });
        await using var client = await GatewayClient.ConnectAsync(ClusterId, silo.GatewayPort);

        var orders = new OrderStream(client.Client, "t-" + Guid.NewGuid().ToString("n")[..8]);
        await orders.OpenAsync(); // one accepted tick
        using (var stop = new CancellationTokenSource())
        {
            var placing = orders.RunAsync(TimeSpan.FromMilliseconds(20), stop.Token);
            await orders.WaitForAcknowledgedAsync(3, Patience);
            await stop.CancelAsync();
            await placing;
        }
        // Above the account's 10 lots per order: risk refuses it (the order is kept, Denied).
        var refused = await orders.Account.PlaceOrderAsync(new PlaceOrder("too-big", "EURUSD", TradeSide.Buy, 50m, Actor.User("alice")));
        Assert.Equal(nameof(RiskReason.MaxOrderSize), refused.RefusalCode);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await client.Client.GetGrain<IInstrumentGrain>("EURUSD").PublishTicksAsync(new TickBatch("EURUSD", now, [now], [1.2], [1.1], Record: false));
        await PredictSomeBarsAsync(client.Client);

        await receiver.WaitForAsync("metrics", Patience, "plan2.ticks.in", "plan2.orders", "Filled", "plan2.ticks.rejected", "bid_above_ask");
        await receiver.WaitForAsync("metrics", Patience, "plan2.risk.refusals", nameof(RiskReason.MaxOrderSize));
        await receiver.WaitForAsync("metrics", Patience, "plan2.prediction.duration");
        await receiver.WaitForAsync("metrics", Patience, "Microsoft.Orleans");
        await receiver.WaitForAsync("traces", Patience, "PlaceOrder");
        await ReadinessProbe.WaitForAsync(healthPort, HttpStatusCode.OK, Patience);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{healthPort}/health/live")).StatusCode);
    }

    /// <summary>
    /// A predictor on a symbol of its own, fed one-minute bars through its instrument as a feed would: once its
    /// features and the LSTM's window are warm (about 90 bars), each close is a scored prediction.
    /// </summary>
    private static async Task PredictSomeBarsAsync(IGrainFactory grains)
    {
        var symbol = "T" + Guid.NewGuid().ToString("n")[..8].ToUpperInvariant();
        var predictor = grains.GetGrain<IPredictorGrain>($"{symbol}/M1");
        await predictor.StartAsync();
        var instrument = grains.GetGrain<IInstrumentGrain>(symbol);
        var (t0, random, mid) = (DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeMilliseconds() / 60_000 * 60_000, new Random(5), 1.1);
        for (var bar = 0; bar < 100; bar++)
        {
            var (times, bids, asks) = (new long[10], new double[10], new double[10]);
            for (var k = 0; k < 10; k++)
            {
                mid += (random.NextDouble() - 0.5) * 0.0004;
                (times[k], bids[k], asks[k]) = (t0 + bar * 60_000L + k * 5_000, Math.Round(mid, 5), Math.Round(mid + 0.0001, 5));
            }
            await instrument.PublishTicksAsync(new TickBatch(symbol, bar * 10, times, bids, asks, Record: false));
        }
        var deadline = DateTime.UtcNow + Patience;
        while ((await predictor.GetRecentAsync(1)).Count == 0) // bar closes reach the predictor by one-way calls
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{symbol}/M1 made no prediction from 100 bars: are the shipped models (onnx-models/) found?");
            await Task.Delay(200);
        }
    }
}
