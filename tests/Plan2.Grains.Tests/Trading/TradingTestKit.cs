using Orleans.TestingHost;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;
using Plan2.Grains.Trading.Journal;
using Microsoft.Extensions.DependencyInjection;

namespace Plan2.Grains.Tests.Trading;

/// <summary>A tenant with an open account of its own per test, and quotes sent through the real instrument grains.</summary>
internal sealed class TradingTestKit(TestCluster cluster)
{
    public static readonly Actor Alice = Actor.User("alice");

    public string Tenant { get; } = "t-" + Guid.NewGuid().ToString("n")[..10];
    public string AccountId { get; } = "acc-1";
    public IGrainFactory Grains => cluster.GrainFactory;
    public IAccountGrain Account => Grains.GetGrain<IAccountGrain>($"{Tenant}/{AccountId}");

    public async Task<TradingTestKit> OpenAsync(PositionMode mode = PositionMode.Netting, AccountLimits? limits = null, decimal deposit = 100_000m)
    {
        await Grains.GetGrain<ITenantGrain>(Tenant).CreateAsync(new CreateTenant("Test", "alice"));
        await Account.OpenAsync(new OpenAccount("USD", mode, deposit, Alice, limits));
        return this;
    }

    /// <summary>Sends one tick stamped now; ticks from earlier tests are older, so this one becomes the last quote.</summary>
    public async Task QuoteAsync(string symbol, decimal bid, decimal ask)
    {
        await Task.Delay(2); // distinct millisecond stamps
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await Grains.GetGrain<IInstrumentGrain>(symbol).PublishTicksAsync(new TickBatch(symbol, now, [now], [(double)bid], [(double)ask], Record: false));
        var last = await Grains.GetGrain<IInstrumentGrain>(symbol).GetQuoteAsync();
        Assert.Equal((bid, ask), (last!.Quote.Bid, last.Quote.Ask));
    }

    public static PlaceOrder Market(string clientOrderId, TradeSide side, decimal lots, string symbol = "EURUSD") =>
        new(clientOrderId, symbol, side, lots, Alice);

    public static PlaceOrder Limit(string clientOrderId, TradeSide side, decimal lots, decimal price, string symbol = "EURUSD") =>
        new(clientOrderId, symbol, side, lots, Alice, TradeOrderType.Limit, LimitPrice: price);

    public async Task<OrderView> OrderAsync(string orderId) =>
        (await Grains.GetGrain<IOrderGrain>($"{Tenant}/{orderId}").GetAsync())!;

    /// <summary>The order once <paramref name="done"/> holds, or as it stands after 10 s (the test's assertion then says why).</summary>
    public async Task<OrderView> WaitForOrderAsync(string orderId, Func<OrderView, bool> done)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(10); ; await Task.Delay(20))
        {
            var order = await OrderAsync(orderId);
            if (done(order) || DateTime.UtcNow > deadline)
                return order;
        }
    }

    /// <summary>The account once <paramref name="done"/> holds, or as it stands after 10 s.</summary>
    public async Task<AccountView> WaitForAccountAsync(Func<AccountView, bool> done)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(10); ; await Task.Delay(20))
        {
            var account = (await Account.GetAsync())!;
            if (done(account) || DateTime.UtcNow > deadline)
                return account;
        }
    }

    /// <summary>Until <paramref name="grain"/> has left memory, asking each silo for its activations (deactivation is asynchronous).</summary>
    public async Task LeftMemoryAsync(GrainId grain)
    {
        var management = Grains.GetGrain<IManagementGrain>(0);
        var active = true;
        for (var deadline = DateTime.UtcNow.AddSeconds(10); active && DateTime.UtcNow < deadline; await Task.Delay(20))
            active = (await management.GetActiveGrains(grain.Type)).Contains(grain);
        Assert.False(active, $"{grain} is still in memory");
    }

    /// <summary>Entries of one order's journal stream over every journal of the cluster's silos (each counted once: they may share one).</summary>
    public async Task<int> JournalEntriesAsync(string orderId)
    {
        var total = 0;
        foreach (var journal in cluster.Silos.OfType<InProcessSiloHandle>().Select(s => s.SiloHost.Services.GetRequiredService<IOrderJournal>()).Distinct())
            total += (await journal.ReadStreamAsync(Tenant, orderId)).Count;
        return total;
    }
}
