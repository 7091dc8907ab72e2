namespace Plan2.Abstractions.Trading;

/// <summary>
/// A tenant's live trading activity (key: the tenant id): its accounts report every order change and
/// every risk alert here, and it pushes them to the observers (the web processes whose live clients
/// belong to the tenant). Keyed by tenant, so the silo's tenant check keeps other tenants out.
/// </summary>
[Alias("plan2.ITenantActivityGrain")]
public interface ITenantActivityGrain : IGrainWithStringKey
{
    /// <summary>An order of one of the tenant's accounts changed (placed, filled, cancelled, denied...).</summary>
    [Alias("OrderChanged"), OneWay] Task OrderChangedAsync(OrderView order);

    /// <summary>Risk refused or stopped something on one of the tenant's accounts.</summary>
    [Alias("RiskAlert"), OneWay] Task RiskAlertAsync(RiskAlertView alert);

    /// <summary>Registers an observer; renew within <see cref="MarketData.InstrumentDefaults.SubscriptionLifetime"/>.</summary>
    [Alias("Subscribe")] Task SubscribeAsync(ITenantActivityObserver observer);

    [Alias("Unsubscribe")] Task UnsubscribeAsync(ITenantActivityObserver observer);
}

/// <summary>Receives one tenant's order changes and risk alerts.</summary>
[Alias("plan2.ITenantActivityObserver")]
public interface ITenantActivityObserver : IGrainObserver
{
    [Alias("OnOrder"), OneWay] Task OnOrderAsync(OrderView order);

    [Alias("OnRiskAlert"), OneWay] Task OnRiskAlertAsync(RiskAlertView alert);
}

/// <summary>
/// Risk refused an order or a change to one, or a kill switch moved (AccountId null: the tenant's own switch). Code is stable ("MaxOrderSize",
/// "KillSwitch", "KillSwitchEngaged"...); Message says it in words; ClientOrderId and Symbol name the order when there is one.
/// </summary>
[GenerateSerializer, Immutable, Alias("plan2.risk-alert")]
public sealed record RiskAlertView(
    [property: Id(0)] string? AccountId,
    [property: Id(1)] string Code,
    [property: Id(2)] string Message,
    [property: Id(3)] string? ClientOrderId,
    [property: Id(4)] string? Symbol,
    [property: Id(5)] DateTimeOffset At);
