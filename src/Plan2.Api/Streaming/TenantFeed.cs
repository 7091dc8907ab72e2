using Plan2.Abstractions.Trading;

namespace Plan2.Api.Streaming;

/// <summary>
/// One /ws connection's view of its tenant's activity: order changes and risk alerts of that tenant only
/// (the tenant comes from the token), each while the client has subscribed to its channel. The connection holds
/// the tenant's feed while it watches either channel, and lets go when it leaves both or closes.
/// </summary>
internal sealed class TenantFeed(LiveActivity activity, string tenant)
{
    private readonly string _holder = "ws:" + Guid.NewGuid().ToString("n");
    private volatile bool _orders;
    private volatile bool _risk;
    private Action<object>? _send;

    public void Start(Action<object> send)
    {
        _send = send;
        activity.Order += OnOrder;
        activity.RiskAlert += OnRiskAlert;
    }

    public void Stop()
    {
        activity.Order -= OnOrder;
        activity.RiskAlert -= OnRiskAlert;
        activity.Release(tenant, _holder);
    }

    /// <summary>Subscribes to or leaves "orders" or "risk".</summary>
    public async Task ChangeAsync(string channel, bool subscribe)
    {
        if (subscribe)
            await activity.WatchAsync(tenant, _holder);
        if (channel == "orders")
            _orders = subscribe;
        else
            _risk = subscribe;
        if (!_orders && !_risk)
            activity.Release(tenant, _holder);
    }

    private void OnOrder(string owner, OrderView order)
    {
        if (_orders && owner == tenant)
            _send?.Invoke(new { type = "order", data = order });
    }

    private void OnRiskAlert(string owner, RiskAlertView alert)
    {
        if (_risk && owner == tenant)
            _send?.Invoke(new { type = "riskAlert", data = alert });
    }
}
