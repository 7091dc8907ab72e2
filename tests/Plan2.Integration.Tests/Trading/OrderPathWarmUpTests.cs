using Npgsql;
using Plan2.Grains.MarketData;
using Plan2.Grains.Trading.Accounts;
using Plan2.Grains.Trading.Orders;
using Plan2.Grains.Trading.Venues;
using Plan2.Hosting.Trading;
using Plan2.Integration.Tests.Infrastructure;
using Plan2.Storage.Orders;

namespace Plan2.Integration.Tests.Trading;

/// <summary>
/// A cluster silo compiles the order path as it starts, so that the first orders of accounts that fail over to it do not
/// wait for the compiler (fault trace: 2.9 s for a cold survivor's first order grain, 0.35 s for a warm one).
/// </summary>
public sealed class OrderPathWarmUpTests() : DatabaseTest("warmup")
{
    /// <summary>Every grain and store an order or an account rebuild runs through, and the contracts' generated codecs, are compiled.</summary>
    [Fact]
    public void Compile_CoversTheGrainsStoresAndCodecsOfTheOrderPath()
    {
        var compiled = OrderPathWarmUp.Compile();

        foreach (var type in new[] { typeof(AccountGrain), typeof(OrderGrain), typeof(PaperBookGrain), typeof(InstrumentGrain), typeof(PostgresOrderLog), typeof(PostgresOrderJournal) })
            Assert.Contains(type, compiled.Types);
        Assert.Contains(compiled.Types, t => t.Namespace == "OrleansCodeGen.Plan2.Abstractions.Trading"); // OrderView's codec and the like
        Assert.Contains(compiled.Types, t => t.DeclaringType == typeof(OrderGrain) && t.Name.Contains("ExecuteAsync", StringComparison.Ordinal)); // async bodies
        Assert.True(compiled.Methods > 1000, $"{compiled.Methods} methods compiled");
        // A type counts only once a method of it compiled; nearly every method compiles (a failing warm-up shows here).
        Assert.True(compiled.Failed * 20 < compiled.Methods, $"{compiled.Failed} of {compiled.Methods + compiled.Failed} methods failed to compile");
        Assert.DoesNotContain(compiled.Types, t => t.Namespace?.StartsWith("Plan2.Grains.Predictions", StringComparison.Ordinal) == true); // only the order path
    }

    /// <summary>The journal warm-up reads through a real pooled connection, and leaves nothing behind in the journal.</summary>
    [Fact]
    public async Task ReadJournal_ReadsAnEmptyStreamAndWritesNothing()
    {
        await OrderLogSchema.EnsureAsync(Db);
        await using var journal = new PostgresOrderJournal(Db);

        await OrderPathWarmUp.ReadJournalAsync(journal);

        await using var connection = new NpgsqlConnection(Db);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("select count(*) from plan2_order_events", connection);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }
}
