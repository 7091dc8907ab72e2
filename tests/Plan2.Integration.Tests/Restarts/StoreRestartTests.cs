using System.Net;
using Orleans.Runtime;
using Plan2.Abstractions.Operations;
using Plan2.Abstractions.Trading;
using Plan2.Integration.Tests.Infrastructure;

namespace Plan2.Integration.Tests.Restarts;

/// <summary>
/// PostgreSQL and Redis restarted under a steady stream of orders from a client (through the gateway,
/// so every answer and every error is serialized as in production), with the silo's and the web's
/// readiness probed. Own store instances: the shared ones are never stopped.
/// </summary>
public sealed class StoreRestartTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _clusterId = "restart-" + Guid.NewGuid().ToString("n")[..8];
    private readonly string _tenant = "t-" + Guid.NewGuid().ToString("n")[..8];
    private readonly int _healthPort = FreePort.Next();
    private OwnStores _stores = null!;
    private OtlpReceiver _otlp = null!;
    private InProcessSilo _silo = null!;
    private GatewayClient _client = null!;
    private WebHealthHost _web = null!;

    public async Task InitializeAsync()
    {
        _stores = await OwnStores.StartAsync();
        _otlp = await OtlpReceiver.StartAsync(); // the silo's logs, to see that they name the grain and tenant
        _silo = await InProcessSilo.StartAsync(_clusterId, _stores.Postgres, _stores.Redis, new Dictionary<string, string?>
        {
            ["Plan2:Health:Port"] = _healthPort.ToString(),
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = _otlp.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "500",
        });
        _client = await GatewayClient.ConnectAsync(_clusterId, _silo.GatewayPort);
        _web = await WebHealthHost.StartAsync(_client.Client);
    }

    [Fact]
    public async Task PostgresRestart_WritesFailWithOurError_ReadinessDegrades_AndEveryAcknowledgedOrderSurvives()
    {
        await ReadinessProbe.WaitForAsync(_healthPort, HttpStatusCode.OK, Patience);
        await ReadinessProbe.WaitForAsync(_web.Port, HttpStatusCode.OK, Patience);
        var orders = new OrderStream(_client.Client, _tenant);
        await orders.OpenAsync();
        using var stop = new CancellationTokenSource();
        var placing = orders.RunAsync(TimeSpan.FromMilliseconds(50), stop.Token);
        await orders.WaitForAcknowledgedAsync(10, Patience);

        await _stores.StopPostgresAsync();
        var degraded = await ReadinessProbe.WaitForAsync(_healthPort, HttpStatusCode.ServiceUnavailable, Patience);
        var webDegraded = await ReadinessProbe.WaitForAsync(_web.Port, HttpStatusCode.ServiceUnavailable, Patience);
        await orders.WaitForFailureAsync(Patience);
        var seenByClient = ReadinessReport.FromStores(await _client.Client.GetGrain<IStoreHealthGrain>(0).GetStoresAsync());
        await _stores.StartPostgresAsync();
        await ReadinessProbe.WaitForAsync(_healthPort, HttpStatusCode.OK, Patience);
        var webReady = await ReadinessProbe.WaitForAsync(_web.Port, HttpStatusCode.OK, Patience);
        await orders.WaitForAcknowledgedAsync(10, Patience);
        await stop.CancelAsync();
        await placing;

        Assert.Equal(ReadinessReport.Degraded, degraded.GetProperty("status").GetString());
        Assert.Contains("PostgreSQL unreachable", degraded.GetProperty("detail").GetString());
        Assert.Equal(ReadinessReport.Degraded, seenByClient.Status); // what the web's /health/ready and dashboard read
        // The web's own /health/ready: 503 degraded naming the store (not "the cluster does not answer"), then ready again.
        Assert.Equal(ReadinessReport.Degraded, webDegraded.GetProperty("status").GetString());
        Assert.Contains("PostgreSQL unreachable", webDegraded.GetProperty("detail").GetString());
        Assert.Equal(ReadinessReport.Ready, webReady.GetProperty("status").GetString());
        var failures = orders.Failures;
        Assert.All(failures, f => Assert.Equal("PostgreSQL", Assert.IsType<StorageUnavailableException>(f).Store));
        Assert.Contains("retry", failures[0].Message);
        // The silo logged each failure inside the call's scope: the grain and its tenant ride along as attributes.
        await _otlp.WaitForAsync("logs", Patience, "PostgreSQL is unavailable", "tenant", _tenant, "grain", "order/");
        await AssertEveryAcknowledgedOrderIsDurableAsync(orders);
    }

    [Fact]
    public async Task RedisRestart_OrdersGoOn_MembershipErrorsAreOurs_ReadinessDegradesAndRecovers()
    {
        await ReadinessProbe.WaitForAsync(_healthPort, HttpStatusCode.OK, Patience);
        await ReadinessProbe.WaitForAsync(_web.Port, HttpStatusCode.OK, Patience);
        var orders = new OrderStream(_client.Client, _tenant);
        await orders.OpenAsync();
        using var stop = new CancellationTokenSource();
        var placing = orders.RunAsync(TimeSpan.FromMilliseconds(50), stop.Token);
        await orders.WaitForAcknowledgedAsync(10, Patience);

        await _stores.StopRedisAsync();
        var degraded = await ReadinessProbe.WaitForAsync(_healthPort, HttpStatusCode.ServiceUnavailable, Patience);
        var webDegraded = await ReadinessProbe.WaitForAsync(_web.Port, HttpStatusCode.ServiceUnavailable, Patience);
        // The dashboard's view of the cluster reads the membership table: its error must be ours, naming Redis.
        var membership = await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            _client.Client.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false));
        await orders.WaitForAcknowledgedAsync(10, Patience); // the silo serves from its last membership view meanwhile
        await _stores.StartRedisAsync();
        await ReadinessProbe.WaitForAsync(_healthPort, HttpStatusCode.OK, Patience);
        var webReady = await ReadinessProbe.WaitForAsync(_web.Port, HttpStatusCode.OK, Patience);
        var hosts = await _client.Client.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
        await orders.WaitForAcknowledgedAsync(10, Patience);
        await stop.CancelAsync();
        await placing;

        Assert.Contains("Redis unreachable", degraded.GetProperty("detail").GetString());
        Assert.Equal(ReadinessReport.Degraded, webDegraded.GetProperty("status").GetString()); // the web's own /health/ready
        Assert.Contains("Redis unreachable", webDegraded.GetProperty("detail").GetString());
        Assert.Equal(ReadinessReport.Ready, webReady.GetProperty("status").GetString());
        Assert.Equal("Redis", membership.Store);
        Assert.Single(hosts);
        Assert.Empty(orders.Failures);
        await AssertEveryAcknowledgedOrderIsDurableAsync(orders);
    }

    /// <summary>
    /// Read back from a second cluster on the same database (the first never stopped or flushed):
    /// each acknowledged order as it was answered, and the position equal to the sum of its fills.
    /// </summary>
    private async Task AssertEveryAcknowledgedOrderIsDurableAsync(OrderStream orders)
    {
        await using var after = await InProcessSilo.StartAsync(_clusterId + "-after", _stores.Postgres, _stores.Redis);
        var acknowledged = orders.Acknowledged;
        foreach (var order in acknowledged)
        {
            var stored = await after.Grains.GetGrain<IOrderGrain>($"{_tenant}/{order.OrderId}").GetAsync();
            Assert.NotNull(stored);
            Assert.Equal(OrderState.Filled, order.State);
            Assert.Equal(order.State, stored.State);
            Assert.Equal(order.FilledQuantity, stored.FilledQuantity);
        }
        var account = (await after.Grains.GetGrain<IAccountGrain>($"{_tenant}/acc-1").GetAsync())!;
        var net = acknowledged.Sum(o => o.Side == TradeSide.Buy ? o.FilledQuantity : -o.FilledQuantity);
        var position = account.Positions.SingleOrDefault();
        Assert.Equal(net, position is null ? 0m : position.Side == TradeSide.Buy ? position.Quantity : -position.Quantity);
    }

    public async Task DisposeAsync()
    {
        if (_web is not null) // InitializeAsync may have failed before it started
            await _web.DisposeAsync();
        await _client.DisposeAsync();
        await _silo.DisposeAsync();
        await _stores.DisposeAsync();
        await _otlp.DisposeAsync();
    }
}
