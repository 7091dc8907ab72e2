using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Runtime;
using Plan2.Abstractions.Identity;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;

namespace Plan2.Grains.Identity;

/// <summary>
/// The second wall between tenants, inside the silo: a call that carries a tenant in its RequestContext
/// (the edge puts the caller's tenant there, and Orleans carries it along every call that follows) may
/// reach only grains whose key names that tenant. Calls without one are the platform's own (feeds,
/// timers, start-up); calls from the platform tenant are its admins'. Grains of the platform itself
/// (the platform kill switch) are readable by every tenant, since each order's risk check reads them, except
/// the platform-only ones (error fingerprints, the flow registry), which show every tenant's data.
/// </summary>
public sealed class TenantCallFilter : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<MethodInfo, bool> ReadOnlyMethods = new();

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (RequestContext.Get(Plan2RequestContext.Tenant) is string caller && caller != Plan2Claims.PlatformTenant)
        {
            var owner = TenantGrainKeys.OwnerOf(context.InterfaceMethod.DeclaringType, context.TargetId.Key.ToString());
            if (owner is not null && owner != caller
                && !(owner == Plan2Claims.PlatformTenant && IsReadOnly(context.InterfaceMethod) && !TenantGrainKeys.IsPlatformOnly(context.InterfaceMethod.DeclaringType)))
                throw new UnauthorizedAccessException(
                    $"Tenant '{caller}' may not call {context.InterfaceName}.{context.MethodName} of another tenant's grain.");
        }
        return context.Invoke();
    }

    private static bool IsReadOnly(MethodInfo method) =>
        ReadOnlyMethods.GetOrAdd(method, m => m.GetCustomAttribute<ReadOnlyAttribute>() is not null);
}

/// <summary>Which grains belong to a tenant, and how their keys name it. One table, so a new tenant grain is added in one place.</summary>
public static class TenantGrainKeys
{
    private static readonly HashSet<Type> KeyIsTenant =
        [typeof(ITenantGrain), typeof(ITenantIdentityGrain), typeof(ITenantAccountsGrain), typeof(IKillSwitchGrain), typeof(ITenantActivityGrain)];

    private static readonly HashSet<Type> KeyStartsWithTenant =
        [typeof(IAccountGrain), typeof(IOrderGrain), typeof(IStrategyGrain), typeof(IAccountOrdersGrain), typeof(IRefreshTokenGrain),
         typeof(Plan2.Abstractions.Configuration.IConfigGrain)];

    /// <summary>Grains of the platform that no tenant may call at all, reads included: they hold every tenant's data.</summary>
    private static readonly HashSet<Type> PlatformOnly =
        [typeof(Plan2.Abstractions.Diagnostics.IErrorDnaGrain), typeof(Plan2.Abstractions.Flows.IFlowRegistryGrain)];

    public static bool IsPlatformOnly(Type? grainInterface) => grainInterface is not null && PlatformOnly.Contains(grainInterface);

    /// <summary>The tenant a grain belongs to, or null when it belongs to none (instruments, predictors, the email directory).</summary>
    public static string? OwnerOf(Type? grainInterface, string key)
    {
        if (grainInterface is null)
            return null;
        if (PlatformOnly.Contains(grainInterface))
            return Plan2Claims.PlatformTenant;
        if (KeyIsTenant.Contains(grainInterface))
            return key;
        if (KeyStartsWithTenant.Contains(grainInterface))
        {
            var slash = key.IndexOf('/');
            return slash > 0 ? key[..slash] : key; // a key without a tenant belongs to nobody but its own text: never a match
        }
        return null;
    }
}

public static class TenantIsolationHosting
{
    /// <summary>
    /// Adds the silo's checks to every incoming grain call: first a gateway client's grant (see
    /// <see cref="Clients.ClientGrantFilter"/>; <paramref name="requireClientGrant"/> refuses gateway clients
    /// without one), then the tenant.
    /// </summary>
    public static ISiloBuilder AddTenantIsolation(this ISiloBuilder silo, bool requireClientGrant = false) => silo
        .ConfigureServices(s => s
            .AddSingleton(new Clients.ClientAccessOptions { RequireGrant = requireClientGrant })
            .AddSingleton<Clients.ClientGrantKeys>()
            .TryAddSingletonTimeProvider())
        .AddIncomingGrainCallFilter<Clients.ClientGrantFilter>()
        .AddIncomingGrainCallFilter<TenantCallFilter>();

    private static IServiceCollection TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton(services, TimeProvider.System);
        return services;
    }
}
