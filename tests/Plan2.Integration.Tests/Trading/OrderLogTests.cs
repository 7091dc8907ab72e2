using Npgsql;
using Plan2.Integration.Tests.Infrastructure;
using Plan2.Storage.Orders;

namespace Plan2.Integration.Tests.Trading;

/// <summary>The order journal's table and group-commit writer on a real PostgreSQL.</summary>
public sealed class OrderLogTests() : DatabaseTest("orderlog")
{
    private static OrderLogRow Row(string stream, int seq, string account = "acc-1", string kind = "placed") =>
        new("acme", account, stream, seq, new DateTimeOffset(2026, 12, 3, 7, 0, 0, TimeSpan.Zero).AddTicks(seq * 10), kind, $$"""{"n":{{seq}}}""");

    [Fact]
    public async Task Schema_RunTwiceAndConcurrently_EndsAtTheCurrentVersion()
    {
        var first = await Task.WhenAll(OrderLogSchema.EnsureAsync(Db), OrderLogSchema.EnsureAsync(Db));
        var again = await OrderLogSchema.EnsureAsync(Db);

        Assert.Contains(0, first);
        Assert.Equal(OrderLogSchema.CurrentVersion, again);
    }

    [Fact]
    public async Task AVersion3Journal_WithJsonbColumns_IsUpgradedToText_AndReadsBackAsBefore_SnapshotsToo()
    {
        await OrderLogSchema.EnsureAsync(Db);
        await using (var log = new PostgresOrderLog(Db))
            await log.AppendAsync([Row("acc-1.o1", 1), Row("acc-1.o1", 2, kind: "filled")]);
        // As a version-3 build left it: both columns jsonb.
        await SqlAsync("""
            ALTER TABLE plan2_order_events ALTER COLUMN payload TYPE jsonb USING payload::jsonb, ALTER COLUMN more TYPE jsonb USING more::jsonb;
            ALTER TABLE plan2_account_snapshots ALTER COLUMN state TYPE jsonb USING state::jsonb;
            INSERT INTO plan2_account_snapshots (tenant, account_id, format, position, state) VALUES ('acme', 'acc-1', 1, 2, '{"v": 1}');
            UPDATE plan2_schema_version SET version = 3 WHERE component = 'order-log'
            """);

        Assert.Equal(3, await OrderLogSchema.EnsureAsync(Db));

        Assert.Equal(["text", "text", "text"], await ColumnTypesAsync());
        await using (var snapshots = new PostgresAccountSnapshots(Db))
        {
            Assert.Equal("""{"v": 1}""", (await snapshots.LoadAsync("acme", "acc-1"))!.Value.State);
            await snapshots.SaveAsync("acme", "acc-1", 1, 3, """{"v":2}""");
            Assert.Equal((3L, """{"v":2}"""), ((await snapshots.LoadAsync("acme", "acc-1"))!.Value.Position, (await snapshots.LoadAsync("acme", "acc-1"))!.Value.State));
        }
        await using var upgraded = new PostgresOrderLog(Db);
        await upgraded.AppendAsync([Row("acc-1.o1", 3, kind: "canceled")]);
        var stream = await upgraded.ReadStreamAsync("acme", "acc-1.o1");
        Assert.Equal([Row("acc-1.o1", 1), Row("acc-1.o1", 2, kind: "filled"), Row("acc-1.o1", 3, kind: "canceled")],
            stream.Select(r => r with { Payload = r.Payload.Replace(" ", "") }));
    }

    [Fact]
    public async Task ManyConcurrentAppends_AllLand_AndReadBackInOrder()
    {
        await OrderLogSchema.EnsureAsync(Db);
        await using var log = new PostgresOrderLog(Db);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => log.AppendAsync([Row($"acc-1.o{i}", 1), Row($"acc-1.o{i}", 2, kind: "filled")])));

        var stream = await log.ReadStreamAsync("acme", "acc-1.o7");
        Assert.Equal([(1, "placed"), (2, "filled")], stream.Select(r => (r.Sequence, r.Kind)));
        Assert.Equal(Row("acc-1.o7", 2, kind: "filled"), stream[1] with { Payload = stream[1].Payload.Replace(" ", "") });
        Assert.Equal(400, (await log.ReadAccountAsync("acme", "acc-1")).Count);
    }

    [Fact]
    public async Task DuplicateSequence_FailsOnlyThatAppend_AndWritesNoneOfIt()
    {
        await OrderLogSchema.EnsureAsync(Db);
        await using var log = new PostgresOrderLog(Db);
        await log.AppendAsync([Row("acc-1.a", 1)]);

        var appends = new[]
        {
            log.AppendAsync([Row("acc-1.b", 1)]),
            log.AppendAsync([Row("acc-1.c", 1), Row("acc-1.a", 1)]), // a second writer of a's entry 1
            log.AppendAsync([Row("acc-1.d", 1)]),
        };
        await Assert.ThrowsAsync<PostgresException>(() => appends[1]);
        await Task.WhenAll(appends[0], appends[2]);

        Assert.Empty(await log.ReadStreamAsync("acme", "acc-1.c")); // all or none
        Assert.Single(await log.ReadStreamAsync("acme", "acc-1.b"));
        Assert.Single(await log.ReadStreamAsync("acme", "acc-1.d"));
    }

    [Fact]
    public async Task AccountRead_FollowsAppendOrder_AcrossStreams_AndIgnoresOtherAccounts()
    {
        await OrderLogSchema.EnsureAsync(Db);
        await using var log = new PostgresOrderLog(Db);
        await log.AppendAsync([Row("acc-1", 1, kind: "opened")]);
        await log.AppendAsync([Row("acc-1.x", 1)]);
        await log.AppendAsync([Row("acc-2.y", 1, account: "acc-2")]);
        await log.AppendAsync([Row("acc-1", 2, kind: "limits")]);

        var rows = await log.ReadAccountAsync("acme", "acc-1");

        Assert.Equal(["acc-1", "acc-1.x", "acc-1"], rows.Select(r => r.StreamId));
        await using var connection = new NpgsqlConnection(Db);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM plan2_order_events", connection);
        Assert.Equal(4L, await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task AnOrdersAppend_IsOneRow_AndReadsBackEntryByEntry()
    {
        await OrderLogSchema.EnsureAsync(Db);
        await using var log = new PostgresOrderLog(Db);
        OrderLogRow[] order = [Row("acc-1.o1", 1), Row("acc-1.o1", 2, kind: "submitted"), Row("acc-1.o1", 3, kind: "accepted"), Row("acc-1.o1", 4, kind: "filled")];
        await log.AppendAsync([Row("acc-1", 1, kind: "opened")]);
        await log.AppendAsync(order);
        await log.AppendAsync([Row("acc-1.o1", 5, kind: "canceled"), Row("acc-1.o2", 1), Row("acc-1.o2", 2, kind: "denied")]);

        Assert.Equal(4L, await CountAsync()); // the account's entry, the order's four, then two streams in one append
        var stream = await log.ReadStreamAsync("acme", "acc-1.o1");
        Assert.Equal([.. order, Row("acc-1.o1", 5, kind: "canceled")], stream.Select(r => r with { Payload = r.Payload.Replace(" ", "") }));
        var account = await log.ReadAccountAsync("acme", "acc-1");
        Assert.Equal(["acc-1:1", "acc-1.o1:1", "acc-1.o1:2", "acc-1.o1:3", "acc-1.o1:4", "acc-1.o1:5", "acc-1.o2:1", "acc-1.o2:2"],
            account.Select(r => $"{r.StreamId}:{r.Sequence}"));
    }

    [Fact]
    public async Task AccountMarks_GiveEachAppendsLastSequence_AfterAPosition_WithoutTheEntries()
    {
        await OrderLogSchema.EnsureAsync(Db);
        await using var log = new PostgresOrderLog(Db);
        await log.AppendAsync([Row("acc-1", 1, kind: "opened")]);
        await log.AppendAsync([Row("acc-1.o1", 1), Row("acc-1.o1", 2, kind: "submitted"), Row("acc-1.o1", 3, kind: "filled")]);
        await log.AppendAsync([Row("acc-2.o9", 1, account: "acc-2")]);
        await log.AppendAsync([Row("acc-1.o1", 4, kind: "canceled"), Row("acc-1.o2", 1), Row("acc-1.o2", 2, kind: "denied")]);

        var marks = await log.ReadAccountMarksAfterAsync("acme", "acc-1", 0);
        Assert.Equal(["acc-1:1-1", "acc-1.o1:1-3", "acc-1.o1:4-4", "acc-1.o2:1-2"], marks.Select(m => $"{m.StreamId}:{m.FirstSequence}-{m.LastSequence}"));
        Assert.Equal(Row("acc-1.o1", 1).At, marks[1].At); // the append's own stamp
        var entries = await log.ReadAccountAfterAsync("acme", "acc-1", 0);
        Assert.Equal(entries.Select(e => e.Id).Distinct(), marks.Select(m => m.Id)); // the same positions the entries carry
        Assert.Equal(["acc-1.o1:4", "acc-1.o2:2"], (await log.ReadAccountMarksAfterAsync("acme", "acc-1", marks[1].Id)).Select(m => $"{m.StreamId}:{m.LastSequence}"));
    }

    [Fact]
    public async Task ASecondWriterOfAnOrder_FailsWholly_WhenTheOrderWasWrittenInOneAppend()
    {
        await OrderLogSchema.EnsureAsync(Db);
        await using var log = new PostgresOrderLog(Db);
        await log.AppendAsync([Row("acc-1.o1", 1), Row("acc-1.o1", 2, kind: "filled")]);

        await Assert.ThrowsAsync<PostgresException>(() => log.AppendAsync([Row("acc-1.o1", 1, kind: "again"), Row("acc-1.o1", 2, kind: "again")]));

        Assert.Equal(["placed", "filled"], (await log.ReadStreamAsync("acme", "acc-1.o1")).Select(r => r.Kind));
    }

    private async Task SqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Db);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> ColumnTypesAsync()
    {
        await using var connection = new NpgsqlConnection(Db);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT data_type FROM information_schema.columns
            WHERE (table_name = 'plan2_order_events' AND column_name IN ('payload', 'more'))
               OR (table_name = 'plan2_account_snapshots' AND column_name = 'state')
            """, connection);
        var types = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            types.Add(reader.GetString(0));
        return types;
    }

    private async Task<long> CountAsync()
    {
        await using var connection = new NpgsqlConnection(Db);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM plan2_order_events", connection);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task AccountSnapshot_GoesOnlyForward_AndAnOlderFormatNeverReplacesANewerOne()
    {
        await OrderLogSchema.EnsureAsync(Db);
        await using var snapshots = new PostgresAccountSnapshots(Db);

        await snapshots.SaveAsync("acme", "acc-1", format: 2, position: 10, """{"v":"new at 10"}""");
        await snapshots.SaveAsync("acme", "acc-1", format: 2, position: 5, """{"v":"new at 5"}"""); // a racing activation, behind
        Assert.Equal((2, 10L), Key(await snapshots.LoadAsync("acme", "acc-1")));

        // A silo of the previous version in a rolling deploy: ahead in the journal, but in a format the newer silos replace.
        await snapshots.SaveAsync("acme", "acc-1", format: 1, position: 20, """{"v":"old at 20"}""");
        Assert.Equal((2, 10L), Key(await snapshots.LoadAsync("acme", "acc-1")));

        await snapshots.SaveAsync("acme", "acc-1", format: 3, position: 8, """{"v":"newer at 8"}""");
        Assert.Equal((3, 8L), Key(await snapshots.LoadAsync("acme", "acc-1")));
        await snapshots.SaveAsync("acme", "acc-1", format: 3, position: 12, """{"v":"newer at 12"}""");
        var last = await snapshots.LoadAsync("acme", "acc-1");
        Assert.Equal((3, 12L), Key(last));
        Assert.Contains("newer at 12", last!.Value.State);

        static (int, long) Key((int Format, long Position, string State)? s) => (s!.Value.Format, s.Value.Position);
    }
}
