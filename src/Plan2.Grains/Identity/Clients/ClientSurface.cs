using System.Reflection;
using Plan2.Abstractions.Configuration;
using Plan2.Abstractions.Identity;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;
using Plan2.Core.Tenancy;

namespace Plan2.Grains.Identity.Clients;

/// <summary>
/// What a grain client holding a grant may call directly, and the least role for each. Everything else is
/// refused at the gateway: account-only order methods (which would skip risk), venue reports, tick
/// publishing (which would feed every tenant false quotes), identity administration. One table, so a method
/// joins the client's surface in one place.
/// </summary>
public static class ClientSurface
{
    private static readonly Dictionary<(Type, string), TenantRole> Methods = new()
    {
        [(typeof(IClientGateGrain), nameof(IClientGateGrain.OpenAsync))] = TenantRole.Viewer, // renewing the grant
        [(typeof(IInstrumentGrain), nameof(IInstrumentGrain.GetQuoteAsync))] = TenantRole.Viewer,
        [(typeof(IInstrumentGrain), nameof(IInstrumentGrain.GetSnapshotAsync))] = TenantRole.Viewer,
        [(typeof(IInstrumentGrain), nameof(IInstrumentGrain.SubscribeAsync))] = TenantRole.Viewer,
        [(typeof(IInstrumentGrain), nameof(IInstrumentGrain.UnsubscribeAsync))] = TenantRole.Viewer,
        [(typeof(IPredictorGrain), nameof(IPredictorGrain.GetRecentAsync))] = TenantRole.Viewer,
        [(typeof(ITenantGrain), nameof(ITenantGrain.GetAsync))] = TenantRole.Viewer,
        [(typeof(ITenantAccountsGrain), nameof(ITenantAccountsGrain.ListAsync))] = TenantRole.Viewer,
        [(typeof(ITenantAccountsGrain), nameof(ITenantAccountsGrain.RegisterAsync))] = TenantRole.Admin,
        [(typeof(IAccountGrain), nameof(IAccountGrain.GetAsync))] = TenantRole.Viewer,
        [(typeof(IAccountGrain), nameof(IAccountGrain.GetRecentOrdersAsync))] = TenantRole.Viewer,
        [(typeof(IAccountGrain), nameof(IAccountGrain.PreviewOrderAsync))] = TenantRole.Trader,
        [(typeof(IAccountGrain), nameof(IAccountGrain.PlaceOrderAsync))] = TenantRole.Trader,
        [(typeof(IAccountGrain), nameof(IAccountGrain.CancelOrderAsync))] = TenantRole.Trader,
        [(typeof(IAccountGrain), nameof(IAccountGrain.ReplaceOrderAsync))] = TenantRole.Trader,
        [(typeof(IAccountGrain), nameof(IAccountGrain.SetKillSwitchAsync))] = TenantRole.Trader,
        [(typeof(IAccountGrain), nameof(IAccountGrain.OpenAsync))] = TenantRole.Admin,
        // Limits and strategy settings change through the configuration grain only, so every change is a version in its
        // history; a direct IAccountGrain.SetLimitsAsync or IStrategyGrain.ConfigureAsync would leave none.
        [(typeof(IConfigGrain), nameof(IConfigGrain.SetAsync))] = TenantRole.Admin,
        [(typeof(IConfigGrain), nameof(IConfigGrain.GetCurrentAsync))] = TenantRole.Viewer,
        [(typeof(IConfigGrain), nameof(IConfigGrain.GetHistoryAsync))] = TenantRole.Viewer,
        [(typeof(IAccountOrdersGrain), nameof(IAccountOrdersGrain.ListOrderIdsAsync))] = TenantRole.Viewer,
        [(typeof(IOrderGrain), nameof(IOrderGrain.GetAsync))] = TenantRole.Viewer,
        [(typeof(IKillSwitchGrain), nameof(IKillSwitchGrain.IsEngagedAsync))] = TenantRole.Viewer,
        [(typeof(IKillSwitchGrain), nameof(IKillSwitchGrain.SetAsync))] = TenantRole.Trader,
    };

    /// <summary>Orleans' own grains a client's stream subscription talks to (predictions arrive on a stream).</summary>
    private static readonly HashSet<string> OrleansInterfaces = ["Orleans.Streams.IPubSubRendezvousGrain"];

    /// <summary>The least role that may call the method from a client, or null when no client may.</summary>
    public static TenantRole? RequiredRole(MethodInfo? method)
    {
        if (method?.DeclaringType is not { } type)
            return null;
        if (Methods.TryGetValue((type, method.Name), out var role))
            return role;
        return type.FullName is { } name && OrleansInterfaces.Contains(name) ? TenantRole.Viewer : null;
    }
}
