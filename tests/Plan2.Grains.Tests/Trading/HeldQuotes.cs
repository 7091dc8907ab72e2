using System.Collections.Concurrent;
using Orleans.Runtime;

namespace Plan2.Grains.Tests.Trading;

/// <summary>
/// Holds an instrument's quote reads made on behalf of one test (its request context carries the hold's token), as an
/// instrument still activating on a busy silo after a failover would; other tests' reads pass untouched.
/// </summary>
internal sealed class HeldQuotes : IIncomingGrainCallFilter
{
    private const string ContextKey = "test.held-quotes";
    private static readonly ConcurrentDictionary<string, (string Symbol, TaskCompletionSource Release)> Holds = new();

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.Name == "GetQuoteAsync" && RequestContext.Get(ContextKey) is string token
            && Holds.TryGetValue(token, out var hold) && context.TargetId.Key.ToString() == hold.Symbol)
            await hold.Release.Task;
        await context.Invoke();
    }

    /// <summary>Holds <paramref name="symbol"/>'s quote reads made from this async flow on until disposed.</summary>
    public static IDisposable Hold(string symbol)
    {
        var token = Guid.NewGuid().ToString("n");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Holds[token] = (symbol, release);
        RequestContext.Set(ContextKey, token);
        return new Releaser(() =>
        {
            RequestContext.Remove(ContextKey);
            Holds.TryRemove(token, out _);
            release.TrySetResult();
        });
    }

    private sealed class Releaser(Action release) : IDisposable
    {
        public void Dispose() => release();
    }
}
