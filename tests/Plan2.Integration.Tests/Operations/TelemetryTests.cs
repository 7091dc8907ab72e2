using System.Net;
using Plan2.Abstractions.MarketData;
using Plan2.Integration.Tests.Infrastructure;
using Plan2.Integration.Tests.Restarts;

namespace Plan2.Integration.Tests.Operations;

/// <summary>A cluster silo with OTEL_EXPORTER_OTLP_ENDPOINT set exports our meters, Orleans' and traces to an OTLP/HTTP receiver.</summary>
public sealed class TelemetryTests() : DatabaseTest("otel")
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task WithAnOtlpEndpoint_TicksOrdersAndOrleansMetersAndGrainCallTracesAreExported_AndHealthAnswers()
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
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await client.Client.GetGrain<IInstrumentGrain>("EURUSD").PublishTicksAsync(new TickBatch("EURUSD", now, [now], [1.2], [1.1], Record: false));

        await receiver.WaitForAsync("metrics", Patience, "plan2.ticks.in", "plan2.orders", "Filled", "plan2.ticks.rejected", "bid_above_ask");
        await receiver.WaitForAsync("metrics", Patience, "Microsoft.Orleans");
        await receiver.WaitForAsync("traces", Patience, "PlaceOrder");
        await ReadinessProbe.WaitForAsync(healthPort, HttpStatusCode.OK, Patience);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{healthPort}/health/live")).StatusCode);
    }
}
