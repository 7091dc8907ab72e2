using Orleans.Runtime;
using Plan2.Abstractions.Diagnostics;
using Plan2.Abstractions.Identity;
using Plan2.Grains.Identity;

namespace Plan2.Grains.Diagnostics;

/// <summary>
/// Fingerprints every exception a grain call ends with, naming the grain and the tenant (the caller's,
/// else the grain key's owner), then lets it travel on unchanged. Calls to the ErrorDNA grain itself
/// are left alone, so a failing report cannot report itself.
/// </summary>
public sealed class ErrorDnaCallFilter(ErrorDnaCollector collector) : IIncomingGrainCallFilter
{
    public const string Source = "grain call";

    public Task Invoke(IIncomingGrainCallContext context)
    {
        var call = CallFilters.Start(context);
        return call.IsCompletedSuccessfully ? call : RecordFailureAsync(call, context); // most calls end at once and well: no async frame
    }

    private async Task RecordFailureAsync(Task call, IIncomingGrainCallContext context)
    {
        try
        {
            await call;
        }
        catch (Exception e) when (context.InterfaceMethod?.DeclaringType != typeof(IErrorDnaGrain))
        {
            var key = context.TargetId.Key.ToString() ?? "";
            var tenant = RequestContext.Get(Plan2RequestContext.Tenant) as string
                ?? TenantGrainKeys.OwnerOf(context.InterfaceMethod?.DeclaringType, key);
            collector.Record(e, Source, $"{context.TargetId.Type}/{key}", tenant);
            throw;
        }
    }
}
