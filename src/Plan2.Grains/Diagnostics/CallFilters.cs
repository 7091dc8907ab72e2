namespace Plan2.Grains.Diagnostics;

/// <summary>Helpers for incoming grain call filters that only act when a call fails.</summary>
public static class CallFilters
{
    /// <summary>Starts the rest of the call; an exception thrown before its task exists comes back as a faulted task, as an awaited call would see it.</summary>
    public static Task Start(IIncomingGrainCallContext context)
    {
        try
        {
            return context.Invoke();
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }
}
