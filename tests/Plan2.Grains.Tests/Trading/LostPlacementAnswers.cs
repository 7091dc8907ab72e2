using System.Collections.Concurrent;

namespace Plan2.Grains.Tests.Trading;

/// <summary>
/// Loses the answer of a named order's placement: the order grain places it (journals it, sends it on) and then the
/// caller gets a timeout instead of the order, as when the connection to the order's silo drops before the answer.
/// Other orders pass untouched.
/// </summary>
internal sealed class LostPlacementAnswers : IIncomingGrainCallFilter
{
    private static readonly ConcurrentDictionary<string, byte> Lost = new(StringComparer.Ordinal);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        await context.Invoke();
        if (context.InterfaceMethod?.Name == "ExecuteAsync" && context.TargetId.Key.ToString() is { } key
            && Lost.ContainsKey(key[(key.LastIndexOf('.') + 1)..]))
            throw new TimeoutException("The placement's answer was lost on its way back (test).");
    }

    /// <summary>Loses the placement answers of <paramref name="clientOrderId"/> until disposed.</summary>
    public static IDisposable For(string clientOrderId)
    {
        Lost[clientOrderId] = 0;
        return new Releaser(() => Lost.TryRemove(clientOrderId, out _));
    }

    private sealed class Releaser(Action release) : IDisposable
    {
        public void Dispose() => release();
    }
}
