using System.Collections.Concurrent;
using System.Reflection;
using Plan2.Abstractions.Trading;

namespace Plan2.Abstractions.Operations;

/// <summary>
/// A client's reads ([ReadOnly] grain methods) are sent again when the path failed (the silo or gateway died or
/// did not answer): a read changes nothing, so a second try is always safe, and after a failover it finds the
/// grain on a live silo instead of showing the user an error. Writes are not retried here: only the caller
/// knows whether one is idempotent (orders are, by client order id: <see cref="OrderResend"/>).
/// Registered by <see cref="ClientFailover"/> on every client, the SDK's included.
/// </summary>
public sealed class ReadRetryFilter : IOutgoingGrainCallFilter
{
    private const int Retries = 2;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);
    private static readonly ConcurrentDictionary<MethodInfo, bool> Reads = new();

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (!IsRead(context.InterfaceMethod))
        {
            await context.Invoke();
            return;
        }
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await context.Invoke();
                return;
            }
            catch (Exception e) when (attempt < Retries && OrderResend.IsTransient(e))
            {
                await Task.Delay(Pause);
            }
        }
    }

    private static bool IsRead(MethodInfo? method) =>
        method is not null && Reads.GetOrAdd(method, m => m.GetCustomAttribute<ReadOnlyAttribute>() is not null);
}
