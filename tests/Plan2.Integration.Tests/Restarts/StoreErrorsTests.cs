using Npgsql;
using Plan2.Abstractions.Operations;
using Plan2.Hosting.Operations;
using StackExchange.Redis;

namespace Plan2.Integration.Tests.Restarts;

/// <summary>Which driver errors become which of our exceptions (the restart tests show them crossing the boundary).</summary>
public sealed class StoreErrorsTests
{
    [Fact]
    public void ADriverErrorDeepInTheChain_BecomesStorageUnavailable_NamingTheStoreAndTheCause()
    {
        var wrapped = new InvalidOperationException("storage call failed", new AggregateException(new NpgsqlException("Failed to connect to 127.0.0.1:5432")));

        var translated = Assert.IsType<StorageUnavailableException>(StoreErrors.Translate(wrapped));

        Assert.Equal("PostgreSQL", translated.Store);
        Assert.Equal("Npgsql.NpgsqlException", translated.CauseType);
        Assert.Contains("Failed to connect to 127.0.0.1:5432", translated.Message);
        Assert.Null(translated.InnerException); // the driver's exception stays in the silo: it cannot be serialized
    }

    [Fact]
    public void ARedisConnectionError_BecomesStorageUnavailable_NamingRedis()
    {
        var error = new RedisConnectionException(ConnectionFailureType.UnableToConnect, "No connection is active/available");

        Assert.Equal("Redis", Assert.IsType<StorageUnavailableException>(StoreErrors.Translate(error)).Store);
    }

    [Fact]
    public void AStatementPostgresRefused_IsAFault_NotAnOutage()
    {
        var duplicate = new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505");

        var translated = Assert.IsType<PlatformFaultException>(StoreErrors.Translate(duplicate));

        Assert.Equal("Npgsql.PostgresException", translated.CauseType);
        Assert.Contains("23505", translated.Message);
    }

    [Fact]
    public void AServerShuttingDown_IsAnOutage()
    {
        var shutdown = new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01");

        Assert.IsType<StorageUnavailableException>(StoreErrors.Translate(shutdown));
    }

    [Fact]
    public void AnErrorWithoutAStore_IsLeftAlone()
    {
        Assert.Null(StoreErrors.Translate(new ArgumentException("bad order")));
    }
}
