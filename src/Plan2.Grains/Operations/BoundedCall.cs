namespace Plan2.Grains.Operations;

/// <summary>What a call awaited for a bounded time gave: its value, or why there is none.</summary>
internal readonly record struct BoundedAnswer<T>(T? Value, Exception? Failure, bool TimedOut)
{
    public bool Answered => Failure is null && !TimedOut;
}

/// <summary>
/// A grain call awaited for at most a given time, so one callee that cannot answer (its silo gone, its store slow) holds
/// up nothing else. A late answer or failure is observed, not awaited; the caller keeps what it knew or asks again.
/// </summary>
internal static class BoundedCall
{
    public static async Task<BoundedAnswer<T>> WithinAsync<T>(Func<Task<T>> call, TimeSpan within)
    {
        Task<T>? task = null;
        try
        {
            task = call(); // inside the guard: making the call may throw too
            return new BoundedAnswer<T>(await task.WaitAsync(within), null, false);
        }
        catch (Exception e)
        {
            task?.Ignore();
            return e is TimeoutException && task is { IsCompleted: false }
                ? new BoundedAnswer<T>(default, null, true)
                : new BoundedAnswer<T>(default, e, false);
        }
    }
}
