using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace Plan2.Hosting.Operations;

/// <summary>
/// On every grain call into this silo: a store failure leaves as <see cref="Abstractions.Operations.StorageUnavailableException"/>,
/// and any other exception Orleans cannot serialize as <see cref="Abstractions.Operations.PlatformFaultException"/>,
/// so callers always get a readable error instead of a codec failure. Exceptions that serialize pass untouched.
/// </summary>
public sealed partial class StoreErrorFilter(Serializer serializer, ILogger<StoreErrorFilter> log) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        var call = Plan2.Grains.Diagnostics.CallFilters.Start(context);
        return call.IsCompletedSuccessfully ? call : TranslateFailureAsync(call, context); // most calls end at once and well: no async frame
    }

    private async Task TranslateFailureAsync(Task call, IIncomingGrainCallContext context)
    {
        try
        {
            await call;
        }
        catch (Exception e) when (StoreErrors.Translate(e) is { } translated)
        {
            LogTranslated(context.InterfaceName, context.MethodName, translated.Message);
            throw translated;
        }
        catch (Exception e) when (!CanCross(e))
        {
            var foreign = StoreErrors.Foreign(e);
            LogTranslated(context.InterfaceName, context.MethodName, foreign.Message);
            throw foreign;
        }
    }

    // Inside the call's log scope (grain, tenant): registered after GrainLogScopeFilter.
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Interface}.{Method} failed: {Error}")]
    private partial void LogTranslated(string @interface, string method, string error);

    private bool CanCross(Exception e)
    {
        try
        {
            serializer.SerializeToArray<Exception>(e);
            return true;
        }
        catch (Exception) // CodecNotFoundException, or a field of it that will not serialize
        {
            return false;
        }
    }
}
