using System.Collections.Concurrent;
using Orleans.Runtime;
using Plan2.Abstractions.Trading;

namespace Plan2.Telegram.Tests;

/// <summary>Records, in the test silo, the tenant each account-grain call carried in its RequestContext.</summary>
public sealed class TenantContextRecorder : IIncomingGrainCallFilter
{
    public static readonly ConcurrentQueue<(string Key, string? Tenant)> AccountCalls = new();

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod.DeclaringType == typeof(IAccountGrain))
            AccountCalls.Enqueue((context.TargetId.Key.ToString()!, RequestContext.Get(UpdateRouter.TenantContextKey) as string));
        return context.Invoke();
    }
}
