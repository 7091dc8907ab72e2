using Plan2.Abstractions.Trading;
using static Plan2.Grains.Tests.Trading.TradingTestKit;

namespace Plan2.Grains.Tests.Trading;

/// <summary>
/// A placement whose answer never reached the account (the order placed and resting, the caller told of a timeout) and
/// that nobody sends again: the account must still count the order as working, so risk limits and the blotter see it.
/// </summary>
[Collection(ClusterCollection.Name)]
public class LostPlacementAnswerTests(ClusterFixture fixture)
{
    [Fact]
    public async Task RestingOrderWhoseAnswerWasLost_IsAmongTheAccountsWorkingOrders_WithoutAResend()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var id = $"ghost-{Guid.NewGuid():n}"[..30];

        using (LostPlacementAnswers.For(id))
            await Assert.ThrowsAnyAsync<TimeoutException>(() => kit.Account.PlaceOrderAsync(Limit(id, TradeSide.Buy, 1m, 1.05000m)));

        var account = await kit.WaitForAccountAsync(a => a.OpenOrders.Contains(id));
        Assert.Contains(id, account.OpenOrders);
        Assert.Equal(OrderState.Accepted, (await kit.OrderAsync($"{kit.AccountId}.{id}")).State); // it really rests: placed once
        Assert.Contains(await kit.Account.GetRecentOrdersAsync(10), o => o.ClientOrderId == id);
    }

    [Fact]
    public async Task ResendWhileInDoubt_IsTheSameOrder_CountedOnce()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var id = $"doubt-{Guid.NewGuid():n}"[..30];
        using (LostPlacementAnswers.For(id))
            await Assert.ThrowsAnyAsync<TimeoutException>(() => kit.Account.PlaceOrderAsync(Limit(id, TradeSide.Buy, 1m, 1.05000m)));

        var resent = await kit.Account.PlaceOrderAsync(Limit(id, TradeSide.Buy, 1m, 1.05000m)); // at once: the account still in doubt

        Assert.True(resent.Duplicate);
        Assert.Equal(OrderState.Accepted, resent.Order!.State);
        var account = await kit.WaitForAccountAsync(a => a.OpenOrders.Contains(id));
        Assert.Equal(1, account.OpenOrders.Count(o => o == id));
        Assert.Equal(1, account.OrdersPlaced);
    }

    [Fact]
    public async Task DeniedOrderWhoseAnswerWasLost_IsOneRiskAlert_OnceFound()
    {
        var (kit, alerts, unsubscribe) = await WatchedAccountAsync();
        var id = await PlaceTooLargeLosingTheAnswerAsync(kit, "denied");

        var alert = await alerts.WaitForAsync(id);
        Assert.Equal("MaxOrderSize", alert.Code);
        Assert.Equal(kit.AccountId, alert.AccountId);
        Assert.Equal(OrderState.Denied, (await kit.OrderAsync($"{kit.AccountId}.{id}")).State);
        await alerts.AssertToldOnceAsync(id);
        await unsubscribe();
    }

    [Fact]
    public async Task ResendOfADeniedOrderWhileInDoubt_IsOneRiskAlert()
    {
        var (kit, alerts, unsubscribe) = await WatchedAccountAsync();
        var id = await PlaceTooLargeLosingTheAnswerAsync(kit, "denied-again");

        var resent = await kit.Account.PlaceOrderAsync(Market(id, TradeSide.Buy, 5m)); // at once: before the account asks

        Assert.True(resent.Duplicate);
        Assert.Equal(OrderState.Denied, resent.Order!.State);
        Assert.Equal("MaxOrderSize", (await alerts.WaitForAsync(id)).Code);
        await alerts.AssertToldOnceAsync(id);
        await unsubscribe();
    }

    /// <summary>A 5-lot market order (over the 2-lot limit: denied) whose placement answer is lost; its client order id.</summary>
    private static async Task<string> PlaceTooLargeLosingTheAnswerAsync(TradingTestKit kit, string prefix)
    {
        var id = $"{prefix}-{Guid.NewGuid():n}"[..30];
        using (LostPlacementAnswers.For(id))
            await Assert.ThrowsAnyAsync<TimeoutException>(() => kit.Account.PlaceOrderAsync(Market(id, TradeSide.Buy, 5m)));
        return id;
    }

    /// <summary>An account that refuses orders above 2 lots, a quote, and its tenant's risk alerts as they are told.</summary>
    private async Task<(TradingTestKit Kit, RiskAlerts Alerts, Func<Task> Unsubscribe)> WatchedAccountAsync()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync(limits: new AccountLimits(MaxOrderLots: 2m));
        await kit.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        var alerts = new RiskAlerts();
        var observer = fixture.Cluster.Client.CreateObjectReference<ITenantActivityObserver>(alerts);
        var activity = kit.Grains.GetGrain<ITenantActivityGrain>(kit.Tenant);
        await activity.SubscribeAsync(observer);
        return (kit, alerts, async () =>
        {
            await activity.UnsubscribeAsync(observer);
            fixture.Cluster.Client.DeleteObjectReference<ITenantActivityObserver>(observer);
        });
    }

    private sealed class RiskAlerts : ITenantActivityObserver
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<RiskAlertView> _seen = new();

        public Task OnOrderAsync(OrderView order) => Task.CompletedTask;

        public Task OnRiskAlertAsync(RiskAlertView alert)
        {
            _seen.Enqueue(alert);
            return Task.CompletedTask;
        }

        /// <summary>Still one alert for the order past the account's next asks (every second): told once, not on every ask.</summary>
        public async Task AssertToldOnceAsync(string clientOrderId)
        {
            await Task.Delay(TimeSpan.FromSeconds(2.5));
            Assert.Equal(1, _seen.Count(a => a.ClientOrderId == clientOrderId));
        }

        public async Task<RiskAlertView> WaitForAsync(string clientOrderId)
        {
            for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(20))
                if (_seen.FirstOrDefault(a => a.ClientOrderId == clientOrderId) is { } alert)
                    return alert;
            throw new TimeoutException($"No risk alert for '{clientOrderId}'; seen: {string.Join(", ", _seen.Select(a => a.Code))}");
        }
    }
}
