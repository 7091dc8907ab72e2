using Npgsql;
using Plan2.Abstractions.Operations;
using StackExchange.Redis;

namespace Plan2.Hosting.Operations;

/// <summary>
/// Turns a store driver's exception into ours. Orleans serializes exceptions of System, Microsoft and
/// Azure types and of types with generated serializers; Npgsql's and StackExchange.Redis' are neither,
/// so without this a client sees "could not find a codec for type Npgsql.NpgsqlException".
/// </summary>
public static class StoreErrors
{
    public const string Postgres = "PostgreSQL";
    public const string Redis = "Redis";

    /// <summary>Our exception for a store failure anywhere in the chain, or null when no store failed.</summary>
    public static Exception? Translate(Exception error)
    {
        foreach (var e in Chain(error))
        {
            switch (e)
            {
                case PostgresException pg when !IsUnavailable(pg):
                    return new PlatformFaultException(pg.GetType().FullName!, $"PostgreSQL refused the statement: {pg.SqlState} {pg.MessageText}");
                case NpgsqlException pg:
                    return Unavailable(Postgres, pg, "orders, accounts and grain state are not saved");
                case RedisException redis:
                    return Unavailable(Redis, redis, "cluster membership cannot be read or updated; silos keep the last view they had");
            }
        }
        return null;
    }

    /// <summary>The store call, its failure rethrown as ours (for calls made where no grain call filter sees them: activation).</summary>
    public static Task Guard(Task call) => call.IsCompletedSuccessfully ? call : GuardAsync(call);

    /// <inheritdoc cref="Guard(Task)"/>
    public static Task<T> Guard<T>(Task<T> call) => call.IsCompletedSuccessfully ? call : GuardAsync(call);

    private static async Task GuardAsync(Task call)
    {
        try
        {
            await call;
        }
        catch (Exception e) when (Translate(e) is { } ours)
        {
            throw ours;
        }
    }

    private static async Task<T> GuardAsync<T>(Task<T> call)
    {
        try
        {
            return await call;
        }
        catch (Exception e) when (Translate(e) is { } ours)
        {
            throw ours;
        }
    }

    /// <summary>A foreign exception Orleans could not carry, as a type it can: its type name and message kept.</summary>
    public static PlatformFaultException Foreign(Exception error)
    {
        var root = Chain(error).Last();
        var cause = error == root ? "" : $" (caused by {root.GetType().FullName}: {root.Message})";
        return new PlatformFaultException(error.GetType().FullName!, $"{error.GetType().Name}: {error.Message}{cause}");
    }

    private static StorageUnavailableException Unavailable(string store, Exception e, string consequence) =>
        new(store, $"{store} is unavailable ({e.Message.TrimEnd('.')}): {consequence}. Nothing of this call was saved; " +
                   $"retry it when {store} is back (GET /health/ready says when).")
        { CauseType = e.GetType().FullName! };

    // Connection exceptions (08), operator intervention (57P01 shutdown, 57P02 crash, 57P03 starting up), resources (53).
    private static bool IsUnavailable(PostgresException pg) =>
        pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)
        || pg.SqlState.StartsWith("53", StringComparison.Ordinal) || pg.IsTransient;

    private static IEnumerable<Exception> Chain(Exception error)
    {
        var pending = new Stack<Exception>([error]);
        var seen = 0;
        while (pending.Count > 0 && seen++ < 32)
        {
            var e = pending.Pop();
            yield return e;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.Reverse())
                    pending.Push(inner);
            else if (e.InnerException is { } inner)
                pending.Push(inner);
        }
    }
}
