using Orleans.Serialization;

namespace Plan2.Hosting.Operations;

/// <summary>
/// On every grain call into this silo: a store failure leaves as <see cref="Abstractions.Operations.StorageUnavailableException"/>,
/// and any other exception Orleans cannot serialize as <see cref="Abstractions.Operations.PlatformFaultException"/>,
/// so callers always get a readable error instead of a codec failure. Exceptions that serialize pass untouched.
/// </summary>
public sealed class StoreErrorFilter(Serializer serializer) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (StoreErrors.Translate(e) is { } translated)
        {
            throw translated;
        }
        catch (Exception e) when (!CanCross(e))
        {
            throw StoreErrors.Foreign(e);
        }
    }

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
