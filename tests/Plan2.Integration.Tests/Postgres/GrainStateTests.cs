using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Runtime;
using Orleans.Storage;
using Plan2.Abstractions.Tenancy;
using Plan2.Grains;
using Plan2.Grains.Tenancy;
using Plan2.Integration.Tests.Infrastructure;

namespace Plan2.Integration.Tests.Postgres;

/// <summary>Grain state through Orleans' ADO.NET provider and our SQL, on a real PostgreSQL.</summary>
public sealed class GrainStateTests() : DatabaseTest("state")
{
    [Fact]
    public async Task TenantWrittenInOneSilo_IsReadBackByAnotherAfterTheFirstStopped()
    {
        var tenantId = "acme-" + Guid.NewGuid().ToString("n")[..6];
        await using (var first = await InProcessSilo.StartAsync(ClusterId, Db))
        {
            var grain = first.Grains.GetGrain<ITenantGrain>(tenantId);
            await grain.CreateAsync(new CreateTenant("Acme", "alice"));
            await grain.AddUserAsync("bob", UserRole.Trader);
            await grain.UpdateSettingsAsync(new TenantSettingsView("EUR", 10, 120, 5, 50_000.25m));
            await first.StopAsync();
        }

        await using var second = await InProcessSilo.StartAsync(ClusterId, Db);
        var profile = await second.Grains.GetGrain<ITenantGrain>(tenantId).GetAsync();

        Assert.NotNull(profile);
        Assert.Equal([("alice", UserRole.Admin), ("bob", UserRole.Trader)], profile.Users.Select(u => (u.UserName, u.Role)));
        Assert.Equal(new TenantSettingsView("EUR", 10, 120, 5, 50_000.25m), profile.Settings);
    }

    [Fact]
    public async Task TwoWritersOfOneVersion_ExactlyOneWins_TheOtherGetsInconsistentState()
    {
        await using var silo = await InProcessSilo.StartAsync(ClusterId, Db);
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.GrainState);
        var id = GrainId.Create("tenant", "race-" + Guid.NewGuid().ToString("n")[..6]);
        var initial = new GrainState<TenantState>(new TenantState { Created = true, DisplayName = "v1" });
        await storage.WriteStateAsync("tenant", id, initial);

        var a = new GrainState<TenantState>(new TenantState { Created = true, DisplayName = "writer A" }) { ETag = initial.ETag };
        var b = new GrainState<TenantState>(new TenantState { Created = true, DisplayName = "writer B" }) { ETag = initial.ETag };
        var outcomes = await Task.WhenAll(TryWrite(storage, id, a), TryWrite(storage, id, b));

        Assert.Single(outcomes, o => o is null);
        Assert.IsType<InconsistentStateException>(Assert.Single(outcomes, o => o is not null));
        var stored = new GrainState<TenantState>();
        await storage.ReadStateAsync("tenant", id, stored);
        var winner = outcomes[0] is null ? a : b;
        Assert.Equal(winner.State!.DisplayName, stored.State!.DisplayName);
        Assert.Equal(winner.ETag, stored.ETag);
    }

    [Fact]
    public async Task TwoFirstWriters_ExactlyOneCreatesTheRow()
    {
        await using var silo = await InProcessSilo.StartAsync(ClusterId, Db);
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.GrainState);
        var id = GrainId.Create("tenant", "first-" + Guid.NewGuid().ToString("n")[..6]);

        var outcomes = await Task.WhenAll(
            TryWrite(storage, id, new GrainState<TenantState>(new TenantState { DisplayName = "A" })),
            TryWrite(storage, id, new GrainState<TenantState>(new TenantState { DisplayName = "B" })));

        Assert.Single(outcomes, o => o is null);
        Assert.IsType<InconsistentStateException>(Assert.Single(outcomes, o => o is not null));
    }

    [Fact]
    public async Task ClearedState_ReadsAsAbsent_AndCanBeWrittenAgain()
    {
        await using var silo = await InProcessSilo.StartAsync(ClusterId, Db);
        var storage = silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.GrainState);
        var id = GrainId.Create("tenant", "clear-" + Guid.NewGuid().ToString("n")[..6]);
        var state = new GrainState<TenantState>(new TenantState { Created = true, DisplayName = "x" });
        await storage.WriteStateAsync("tenant", id, state);

        await storage.ClearStateAsync("tenant", id, state);
        var read = new GrainState<TenantState>();
        await storage.ReadStateAsync("tenant", id, read);
        Assert.False(read.RecordExists);

        read.State = new TenantState { DisplayName = "again" };
        await storage.WriteStateAsync("tenant", id, read);
        var reread = new GrainState<TenantState>();
        await storage.ReadStateAsync("tenant", id, reread);
        Assert.Equal("again", reread.State!.DisplayName);
    }

    [Fact]
    public async Task StoredPayload_NamesNoType_SoARenamedClassStillReadsIt()
    {
        await using var silo = await InProcessSilo.StartAsync(ClusterId, Db);
        var tenantId = "named-" + Guid.NewGuid().ToString("n")[..6];
        await silo.Grains.GetGrain<ITenantGrain>(tenantId).CreateAsync(new CreateTenant("Renamed Ltd", "alice"));

        var json = await ReadPayloadAsync(tenantId);

        Assert.DoesNotContain("TenantState", json);
        Assert.DoesNotContain("$type", json);
        Assert.DoesNotContain("Plan2.Grains", json);
        var renamed = JsonSerializer.Deserialize<SomeOtherNameForTenantState>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal("Renamed Ltd", renamed.Name);
        Assert.Equal("alice", renamed.Members.Single().UserName);
    }

    private static async Task<Exception?> TryWrite(IGrainStorage storage, GrainId id, GrainState<TenantState> state)
    {
        try
        {
            await storage.WriteStateAsync("tenant", id, state);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private async Task<string> ReadPayloadAsync(string tenantId)
    {
        await using var connection = new NpgsqlConnection(Db);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT convert_from(payload, 'UTF8') FROM plan2_grain_state WHERE grain_key_ext = @k AND service_id = @s", connection);
        cmd.Parameters.AddWithValue("k", tenantId);
        cmd.Parameters.AddWithValue("s", ClusterId);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    private sealed class SomeOtherNameForTenantState
    {
        [JsonPropertyName("displayName")] public string Name { get; set; } = "";
        [JsonPropertyName("members")] public List<Member> Members { get; set; } = [];

        public sealed class Member
        {
            [JsonPropertyName("userName")] public string UserName { get; set; } = "";
        }
    }
}
