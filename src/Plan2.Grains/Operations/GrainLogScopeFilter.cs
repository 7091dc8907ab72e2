using Microsoft.Extensions.Logging;
using Plan2.Abstractions.Identity;
using Plan2.Grains.Identity;

namespace Plan2.Grains.Operations;

/// <summary>
/// Every log line written during a grain call carries the grain ("grain": type/key) and its tenant
/// ("tenant": the key's owner, else the caller's), as scope properties: the console shows them with
/// IncludeScopes, the JSON console and OTLP logs as attributes.
/// </summary>
public sealed class GrainLogScopeFilter(ILogger<GrainLogScopeFilter> logger) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var key = context.TargetId.Key.ToString();
        var tenant = TenantGrainKeys.OwnerOf(context.InterfaceMethod?.DeclaringType, key)
                     ?? RequestContext.Get(Plan2RequestContext.Tenant) as string;
        using (logger.BeginScope(new GrainScope(context.TargetId.ToString(), tenant)))
            await context.Invoke();
    }

    /// <summary>The scope's properties, and its text for consoles that print scopes.</summary>
    private sealed class GrainScope(string grain, string? tenant) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 2;

        public KeyValuePair<string, object?> this[int index] => index switch
        {
            0 => new("grain", grain),
            1 => new("tenant", tenant),
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
            yield return this[1];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => tenant is null ? $"grain {grain}" : $"grain {grain} tenant {tenant}";
    }
}
