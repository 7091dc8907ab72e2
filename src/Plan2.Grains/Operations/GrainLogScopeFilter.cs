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
        using (logger.BeginScope(new GrainScope(context.TargetId, context.InterfaceMethod?.DeclaringType, RequestContext.Get(Plan2RequestContext.Tenant) as string)))
            await context.Invoke();
    }

    /// <summary>
    /// The scope's properties, and its text for consoles that print scopes. Its texts are made only when a log line
    /// reads them: most calls log nothing, and formatting the grain id on each cost every call two strings.
    /// </summary>
    private sealed class GrainScope(GrainId target, Type? grainInterface, string? callerTenant) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private string? _grain;
        private string? _tenant;
        private bool _resolved;

        private string Grain => _grain ??= target.ToString();

        private string? Tenant
        {
            get
            {
                if (!_resolved)
                {
                    _tenant = TenantGrainKeys.OwnerOf(grainInterface, target.Key.ToString()) ?? callerTenant;
                    _resolved = true;
                }
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

        public override string ToString() => Tenant is null ? $"grain {Grain}" : $"grain {Grain} tenant {Tenant}";
    }
}
