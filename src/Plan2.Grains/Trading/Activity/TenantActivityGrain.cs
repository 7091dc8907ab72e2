using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Utilities;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Trading;

namespace Plan2.Grains.Trading.Activity;

/// <summary>
/// Fans one tenant's order changes and risk alerts out to its observers, as the instrument grain does with
/// quotes: nothing is kept, an update with no observer costs one one-way call, and a lost observer expires.
/// Reentrant: the accounts report one-way and must never queue behind a subscription.
/// </summary>
[Reentrant]
public sealed class TenantActivityGrain(ILogger<TenantActivityGrain> logger) : Grain, ITenantActivityGrain
{
    private readonly ObserverManager<ITenantActivityObserver> _observers = new(InstrumentDefaults.SubscriptionLifetime, logger);

    Task ITenantActivityGrain.OrderChangedAsync(OrderView order)
    {
        if (_observers.Count > 0)
            _observers.Notify(o => o.OnOrderAsync(order));
        return Task.CompletedTask;
    }

    Task ITenantActivityGrain.RiskAlertAsync(RiskAlertView alert)
    {
        if (_observers.Count > 0)
            _observers.Notify(o => o.OnRiskAlertAsync(alert));
        return Task.CompletedTask;
    }

    Task ITenantActivityGrain.SubscribeAsync(ITenantActivityObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    Task ITenantActivityGrain.UnsubscribeAsync(ITenantActivityObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }
}
