using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Plan2.Integration.Tests.Infrastructure;

namespace Plan2.Integration.Tests.Postgres;

/// <summary>Orleans' ADO.NET reminder table running our SQL on a real PostgreSQL.</summary>
public sealed class ReminderTableTests() : RealSiloTest("rem")
{
    private IReminderTable Table => Silo.Services.GetRequiredService<IReminderTable>();

    private static ReminderEntry Entry(GrainId grain, string name, TimeSpan period) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = new DateTime(2026, 11, 29, 12, 0, 0, DateTimeKind.Utc),
        Period = period,
    };

    [Fact]
    public async Task Upsert_ThenRead_RoundTripsEveryField_AndBumpsTheVersion()
    {
        var grain = GrainId.Create("predictor", "EURUSD/M1");

        var v1 = await Table.UpsertRow(Entry(grain, "retrain", TimeSpan.FromHours(6)));
        var v2 = await Table.UpsertRow(Entry(grain, "retrain", TimeSpan.FromDays(30)));
        var row = await Table.ReadRow(grain, "retrain");

        Assert.NotEqual(v1, v2);
        Assert.NotNull(row);
        Assert.Equal(v2, row.ETag);
        Assert.Equal(grain, row.GrainId);
        Assert.Equal(TimeSpan.FromDays(30), row.Period);
        Assert.Equal(new DateTime(2026, 11, 29, 12, 0, 0, DateTimeKind.Utc), row.StartAt);
    }

    [Fact]
    public async Task Remove_WithStaleETag_IsRefused_WithCurrentETag_Removes()
    {
        var grain = GrainId.Create("predictor", "GBPUSD/M5");
        var stale = await Table.UpsertRow(Entry(grain, "retrain", TimeSpan.FromMinutes(1)));
        var current = await Table.UpsertRow(Entry(grain, "retrain", TimeSpan.FromMinutes(2)));

        Assert.False(await Table.RemoveRow(grain, "retrain", stale!));
        Assert.True(await Table.RemoveRow(grain, "retrain", current!));
        Assert.Empty((await Table.ReadRows(grain)).Reminders);
    }

    [Fact]
    public async Task ReadRange_FindsAGrainInsideItsSlice_AndInAWrappingSlice()
    {
        var grain = GrainId.Create("predictor", "USDJPY/H1");
        await Table.UpsertRow(Entry(grain, "daily", TimeSpan.FromDays(1)));
        var hash = grain.GetUniformHashCode();

        var inside = await Table.ReadRows(hash - 1, hash);
        var outside = await Table.ReadRows(hash, hash + 1);
        var wrapping = await Table.ReadRows(hash + 1, hash); // everything but (hash, hash + 1]

        Assert.Contains(inside.Reminders, r => r.GrainId == grain);
        Assert.DoesNotContain(outside.Reminders, r => r.GrainId == grain);
        Assert.Contains(wrapping.Reminders, r => r.GrainId == grain);
    }
}
