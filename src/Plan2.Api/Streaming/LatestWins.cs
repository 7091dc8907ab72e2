namespace Plan2.Api.Streaming;

/// <summary>
/// One connection's writes of one kind of message (a symbol's quotes) where only the newest matters: while a
/// write is still pending (the connection's outgoing buffer is full: the client lags), newer messages replace
/// each other and only the latest is written once the pending write completes. A connection that keeps up
/// gets every message, in order; one that lags gets the newest instead of a growing queue of stale ones.
/// </summary>
public sealed class LatestWins<T>(Func<T, ValueTask> write) where T : class
{
    private T? _waiting;
    private int _writing; // 1 while one caller or continuation owns the writes
    private long _replaced;

    /// <summary>Messages this writer dropped for a newer one.</summary>
    public long Replaced => Interlocked.Read(ref _replaced);

    /// <summary>Writes <paramref name="message"/> now, or after the pending write, unless a newer one comes first.</summary>
    public void Offer(T message)
    {
        if (Interlocked.Exchange(ref _waiting, message) is not null)
            Interlocked.Increment(ref _replaced);
        if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
            Drain();
    }

    private void Drain()
    {
        while (true)
        {
            var next = Interlocked.Exchange(ref _waiting, null);
            if (next is null)
            {
                Volatile.Write(ref _writing, 0);
                // A message offered between the exchange and the release would otherwise wait for the next offer.
                if (Volatile.Read(ref _waiting) is null || Interlocked.CompareExchange(ref _writing, 1, 0) != 0)
                    return;
                continue;
            }
            ValueTask pending;
            try
            {
                pending = write(next);
            }
            catch (Exception)
            {
                continue; // a closing connection: its writes end with it
            }
            if (!pending.IsCompletedSuccessfully)
            {
                _ = DrainAfterAsync(pending);
                return;
            }
            pending.GetAwaiter().GetResult(); // lets a pooled source reset
        }
    }

    private async Task DrainAfterAsync(ValueTask pending)
    {
        try
        {
            await pending;
        }
        catch (Exception)
        {
            // the connection failed or closed; the next write finds that out on its own
        }
        Drain();
    }
}
