using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Plan2.Abstractions.Identity;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;
using Plan2.Client;
using Plan2.Integration.Tests.Infrastructure;

namespace Plan2.Integration.Tests.Faults;

/// <summary>
/// One fault run: three silo processes, a client built as the web's, a quote feed and a steady order flow on
/// several paper accounts, placed through that client or through the SDK (<see cref="Plan2Client"/>). The test injects the fault; this measures how long the cluster took to serve
/// orders again, and <see cref="FaultChecks"/> judges what the journal holds afterwards.
/// </summary>
public sealed class FaultRun : IAsyncDisposable
{
    public const int Silos = 3;
    private static readonly string[] AccountIds = ["acc-1", "acc-2", "acc-3", "acc-4", "acc-5", "acc-6"];
    private readonly CancellationTokenSource _stop = new();
    private Task _traffic = Task.CompletedTask;
    private Plan2Client? _sdk;

    private FaultRun(string db, SiloProcesses cluster, PlatformClient client, string tenant)
    {
        (Db, Cluster, Client, Tenant) = (db, cluster, client, tenant);
        Flow = new OrderFlow(OrderFlow.ThroughClient(client.Client, tenant), AccountIds, TimeSpan.FromMilliseconds(100));
        Quotes = new QuoteSource(client.Client, TimeSpan.FromMilliseconds(50));
    }

    public string Db { get; }
    public SiloProcesses Cluster { get; }
    public PlatformClient Client { get; }
    public string Tenant { get; }
    public OrderFlow Flow { get; private set; }

    /// <summary>The timeline of order sends when PLAN2_FAULT_TRACE=1 (web-client flows only).</summary>
    public SendTrace? Trace { get; private init; }
    public QuoteSource Quotes { get; }
    public IReadOnlyList<string> Accounts => AccountIds;

    /// <param name="throughSdk">Orders are placed by the SDK (a trader's API key, membership from Redis), not the web's client.</param>
    public static async Task<FaultRun> StartAsync(string prefix, bool throughSdk = false)
    {
        var clusterId = prefix + "-" + Guid.NewGuid().ToString("n")[..8];
        var db = await TestServices.CreateDatabaseAsync();
        SiloProcesses? cluster = null;
        try
        {
            cluster = await SiloProcesses.StartAsync(clusterId, db, Silos);
            var trace = SendTrace.Enabled ? new SendTrace() : null;
            var client = await PlatformClient.ConnectAsync(clusterId, TestServices.Redis,
                trace is null ? null : s => s.AddSingleton<IOutgoingGrainCallFilter>(trace));
            var run = new FaultRun(db, cluster, client, "t-" + Guid.NewGuid().ToString("n")[..8]) { Trace = trace };
            await run.WaitForActiveSilosAsync(Silos, TimeSpan.FromSeconds(60));
            await run.OpenAccountsAsync();
            if (throughSdk)
                await run.PlaceThroughSdkAsync(clusterId);
            run._traffic = Task.WhenAll(Task.Run(() => run.Quotes.RunAsync(run._stop.Token)), run.Flow.RunAsync(run._stop.Token));
            return run;
        }
        catch
        {
            if (cluster is not null)
                await cluster.DisposeAsync();
            await TestServices.DropDatabaseAsync(db);
            throw;
        }
    }

    private async Task PlaceThroughSdkAsync(string clusterId)
    {
        // A key's creator must be someone the tenant knows: a new admin of the tenant makes it.
        var identity = Client.Client.GetGrain<ITenantIdentityGrain>(Tenant);
        var admin = await identity.RegisterUserAsync(new NewUser($"admin-{Guid.NewGuid():n}@faults.test", "a long enough password", UserRole.Admin));
        var key = (await identity.CreateApiKeyAsync("fault-sdk", UserRole.Trader, admin.UserId)).Key;
        var sdk = _sdk = await Plan2Client.ConnectAsync(new Plan2ClientOptions
        {
            ApiKey = key, Redis = TestServices.Redis, ClusterId = clusterId, ServiceId = clusterId, ConnectTimeout = TimeSpan.FromSeconds(30),
        });
        Flow = new OrderFlow((account, o) => sdk.PlaceOrderAsync(new NewOrder(o.ClientOrderId, o.Symbol, o.Side, o.Quantity, AccountId: account)),
            AccountIds, TimeSpan.FromMilliseconds(100));
    }

    /// <summary>The silo process that hosts the EURUSD instrument, which every order reads its quote from.</summary>
    public async Task<SiloProcesses.Silo> InstrumentSiloAsync()
    {
        var address = await Client.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(Client.Client.GetGrain<IInstrumentGrain>("EURUSD"));
        return Cluster.BySiloPort(address?.Endpoint.Port ?? throw new InvalidOperationException("EURUSD is not active anywhere."));
    }

    /// <summary>Lets the flow run until every account has had <paramref name="orders"/> orders acknowledged.</summary>
    public async Task WarmUpAsync(int orders)
    {
        await WaitUntilAsync(() => Accounts.All(a => Flow.Acknowledged.Count(k => k.AccountId == a) >= orders), TimeSpan.FromSeconds(60), "warm-up");
    }

    /// <summary>
    /// Waits until every account has had an order sent after <paramref name="faultAt"/> filled, then returns the
    /// recovery time: the longest, over accounts, from the fault to the fill of that account's first order sent after
    /// it, and the shortest (the first account back). Only orders sent after the fault count: one sent before it and
    /// answered after (by a survivor, or from a call already past the dead silo) says nothing about service restored.
    /// (A denial for want of a quote is an answer, not service: it does not count.)
    /// </summary>
    public async Task<(double All, double First)> WaitForRecoveryAsync(double faultAt, TimeSpan timeout)
    {
        await WaitUntilAsync(() => Accounts.All(a => Filled(a).Any(k => k.SentAt > faultAt)), timeout, "recovery");
        var back = Accounts.Select(a => Filled(a).Where(k => k.SentAt > faultAt).Min(k => k.AckedAt) - faultAt).ToList();
        return (back.Max(), back.Min());
    }

    /// <summary>
    /// Seconds from <paramref name="faultAt"/> until the EURUSD instrument answers a quote read again, each read asked
    /// after the fault and given up after 500 ms (a read stuck on the way to the dead silo would show its timeout).
    /// </summary>
    public async Task<double> WaitForQuotesAsync(double faultAt, TimeSpan timeout)
    {
        var instrument = Client.Client.GetGrain<IInstrumentGrain>("EURUSD");
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await instrument.GetQuoteAsync().WaitAsync(TimeSpan.FromMilliseconds(500)) is not null)
                    return Flow.Now - faultAt;
            }
            catch (Exception)
            {
                // Not answering yet: ask again.
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"No quote within {timeout.TotalSeconds} s.");
    }

    private IEnumerable<OrderFlow.Acknowledgement> Filled(string account) =>
        Flow.Acknowledged.Where(k => k.AccountId == account && k.Order.State == OrderState.Filled);

    /// <summary>
    /// Seconds from <paramref name="faultAt"/> until the membership lists <paramref name="silo"/> as dead (polled every 100 ms;
    /// a poll stuck on the way to the dead silo is given up after 500 ms, else it showed the 10 s response timeout, not the death).
    /// </summary>
    public async Task<double> WaitForDeathAsync(SiloProcesses.Silo silo, double faultAt, TimeSpan timeout)
    {
        var management = Client.Client.GetGrain<IManagementGrain>(0);
        await WaitUntilAsync(async () =>
        {
            var hosts = await management.GetHosts(onlyActive: false).WaitAsync(TimeSpan.FromMilliseconds(500));
            return hosts.Any(h => h.Key.Endpoint.Port == silo.SiloPort && h.Value == SiloStatus.Dead);
        }, timeout, "death declaration");
        return Flow.Now - faultAt;
    }

    /// <summary>Stops the flow and the feed; orders already sent are resent until answered first.</summary>
    public async Task StopTrafficAsync()
    {
        await _stop.CancelAsync();
        await _traffic;
    }

    /// <summary>Writes figures where build/bench.sh collects them (bin/…/artifacts/faults-NAME.json).</summary>
    public static async Task WriteFiguresAsync(string name, IReadOnlyDictionary<string, double> figures)
    {
        var dir = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, $"faults-{name}.json"), JsonSerializer.Serialize(new { benchmark = "faults", figures }));
    }

    private async Task WaitForActiveSilosAsync(int count, TimeSpan timeout)
    {
        var management = Client.Client.GetGrain<IManagementGrain>(0);
        await WaitUntilAsync(async () => (await management.GetHosts(onlyActive: true)).Count == count, timeout, $"{count} active silos");
    }

    private async Task OpenAccountsAsync()
    {
        var grains = Client.Client;
        var tenant = grains.GetGrain<ITenantGrain>(Tenant);
        await CreateOnceAsync(() => tenant.CreateAsync(new CreateTenant("Faults", "fault-test")), async () => await tenant.GetAsync() is not null);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await grains.GetGrain<IInstrumentGrain>("EURUSD").PublishTicksAsync(new TickBatch("EURUSD", now, [now], [1.10000], [1.10010]));
        // Limits wide enough that risk never refuses the flow: every order should fill.
        var limits = new AccountLimits(MaxSubmitsPerSecond: 10_000, MaxOpenOrders: 100_000, MaxQuoteAge: TimeSpan.FromHours(1));
        await Task.WhenAll(Accounts.Select(a => grains.GetGrain<IAccountGrain>($"{Tenant}/{a}")).Select(account => CreateOnceAsync(
            () => account.OpenAsync(new OpenAccount("USD", PositionMode.Netting, 1_000_000m, Actor.User("fault-test"), limits)),
            async () => await account.GetAsync() is not null)));
    }

    /// <summary>
    /// A fresh cluster's first calls (activations, schema, PostgreSQL) can outlast the client's response timeout on a
    /// busy machine: a create that timed out may still have happened, so look before creating again.
    /// </summary>
    private static async Task CreateOnceAsync(Func<Task> create, Func<Task<bool>> exists)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (attempt == 1 || !await exists())
                    await create();
                return;
            }
            catch (TimeoutException) when (attempt < 5)
            {
            }
        }
    }

    private static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        WaitUntilAsync(() => Task.FromResult(condition()), timeout, what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (await condition())
                    return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                // The cluster is still recovering: ask again.
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No {what} within {timeout.TotalSeconds} s.");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
            await _stop.CancelAsync();
        try { await _traffic.WaitAsync(TimeSpan.FromSeconds(30)); } catch (Exception) { } // a failed test already reported
        if (_sdk is not null)
            await _sdk.DisposeAsync();
        await Client.DisposeAsync();
        await Cluster.DisposeAsync();
        await TestServices.DropDatabaseAsync(Db);
        _stop.Dispose();
    }
}
