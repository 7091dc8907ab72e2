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
        var scope = new GrainScope(context.TargetId, context.InterfaceMethod?.DeclaringType, RequestContext.Get(Plan2RequestContext.Tenant) as string);
        using (logger.BeginScope(scope))
            await context.Invoke();
    }

    /// <summary>
    /// The scope's properties, and its text for consoles that print scopes. Its texts are made only when a log
    /// line reads them: most calls log nothing, and the grain id's text would be a new string on every call.
    /// </summary>
    private sealed class GrainScope(GrainId target, Type? grainInterface, string? caller) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private string? _grain;
        private string? _tenant;
        private bool _tenantKnown; // set after _tenant: log lines may read the scope from several threads at once

        private string Grain => _grain ??= target.ToString();

        private string? Tenant
        {
            get
            {
                if (Volatile.Read(ref _tenantKnown))
                    return _tenant;
                _tenant = TenantGrainKeys.OwnerOf(grainInterface, target.Key.ToString()) ?? caller;
                Volatile.Write(ref _tenantKnown, true);
                return _tenant;
            }
        }

        public int Count => 2;

        public KeyValuePair<string, object?> this[int index] => index switch
        {
            0 => new("grain", Grain),
            1 => new("tenant", Tenant),
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
            yield return this[1];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Tenant is { } tenant ? $"grain {Grain} tenant {tenant}" : $"grain {Grain}";
    }
}
