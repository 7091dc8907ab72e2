using Orleans.Runtime;
using Plan2.Abstractions.Tenancy;

namespace Plan2.Grains.Tests;

[Collection(ClusterCollection.Name)]
public class TenantGrainTests(ClusterFixture fixture)
{
    private ITenantGrain NewTenantGrain() => fixture.Cluster.GrainFactory.GetGrain<ITenantGrain>("t-" + Guid.NewGuid().ToString("n")[..12]);

    private static TenantSettingsView Settings(int maxUsers = 25, string currency = "USD") => new(currency, maxUsers, 600, 100, 1_000_000m);

    [Fact]
    public async Task Get_NeverCreated_ReturnsNull() => Assert.Null(await NewTenantGrain().GetAsync());

    [Fact]
    public async Task Create_ThenGet_ReturnsProfileWithAdmin()
    {
        var grain = NewTenantGrain();

        var created = await grain.CreateAsync(new CreateTenant("Acme Capital", "Alice"));
        var read = await grain.GetAsync();

        Assert.NotNull(read);
        Assert.Equal(grain.GetPrimaryKeyString(), read.TenantId);
        Assert.Equal("Acme Capital", read.DisplayName);
        Assert.Equal(created.CreatedAt, read.CreatedAt);
        var admin = Assert.Single(read.Users);
        Assert.Equal(("alice", UserRole.Admin), (admin.UserName, admin.Role));
    }

    [Fact]
    public async Task Create_Twice_FailsAndKeepsTheFirst()
    {
        var grain = NewTenantGrain();
        await grain.CreateAsync(new CreateTenant("First", "alice"));

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.CreateAsync(new CreateTenant("Second", "bob")));

        Assert.Contains("already exists", e.Message);
        Assert.Equal("First", (await grain.GetAsync())!.DisplayName);
    }

    [Fact]
    public async Task Create_InvalidSettings_FailsWithEveryReason()
    {
        var grain = NewTenantGrain();

        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            grain.CreateAsync(new CreateTenant("Acme", "alice", Settings(maxUsers: 0, currency: "dollars"))));

        Assert.Contains("BaseCurrency", e.Message);
        Assert.Contains("MaxUsers", e.Message);
        Assert.Null(await grain.GetAsync());
    }

    [Fact]
    public async Task Create_UppercaseKey_IsRefused()
    {
        var grain = fixture.Cluster.GrainFactory.GetGrain<ITenantGrain>("ACME-" + Guid.NewGuid().ToString("n")[..6]);

        await Assert.ThrowsAsync<ArgumentException>(() => grain.CreateAsync(new CreateTenant("Acme", "alice")));
    }

    [Fact]
    public async Task AddUser_ThenList_InOrderWithRoles()
    {
        var grain = NewTenantGrain();
        await grain.CreateAsync(new CreateTenant("Acme", "alice"));

        await grain.AddUserAsync("bob", UserRole.Trader);
        await grain.AddUserAsync("carol@example.com", UserRole.Viewer);
        var users = await grain.ListUsersAsync();

        Assert.Equal(
            [("alice", UserRole.Admin), ("bob", UserRole.Trader), ("carol@example.com", UserRole.Viewer)],
            users.Select(u => (u.UserName, u.Role)));
    }

    [Fact]
    public async Task AddUser_BeforeCreate_Fails()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => NewTenantGrain().AddUserAsync("bob", UserRole.Trader));
        Assert.Contains("does not exist", e.Message);
    }

    [Fact]
    public async Task AddUser_Duplicate_FailsAndListIsUnchanged()
    {
        var grain = NewTenantGrain();
        await grain.CreateAsync(new CreateTenant("Acme", "alice"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => grain.AddUserAsync("Alice", UserRole.Viewer));

        Assert.Single(await grain.ListUsersAsync());
    }

    [Fact]
    public async Task ChangeRole_And_Remove_FollowTheLastAdminRule()
    {
        var grain = NewTenantGrain();
        await grain.CreateAsync(new CreateTenant("Acme", "alice"));
        await grain.AddUserAsync("bob", UserRole.Trader);

        await Assert.ThrowsAsync<InvalidOperationException>(() => grain.ChangeUserRoleAsync("alice", UserRole.Viewer));
        var promoted = await grain.ChangeUserRoleAsync("bob", UserRole.Admin);
        await grain.RemoveUserAsync("alice");

        Assert.Equal(UserRole.Admin, promoted.Role);
        Assert.Equal(["bob"], (await grain.ListUsersAsync()).Select(u => u.UserName));
    }

    [Fact]
    public async Task UpdateSettings_Valid_IsReturnedAndKept()
    {
        var grain = NewTenantGrain();
        await grain.CreateAsync(new CreateTenant("Acme", "alice"));
        var wanted = Settings(maxUsers: 3, currency: "EUR") with { MaxOrderNotional = 12_345.67m };

        var updated = await grain.UpdateSettingsAsync(wanted);

        Assert.Equal(wanted, updated);
        Assert.Equal(wanted, (await grain.GetAsync())!.Settings);
    }

    [Fact]
    public async Task State_SurvivesDeactivation()
    {
        var grain = NewTenantGrain();
        await grain.CreateAsync(new CreateTenant("Acme", "alice"));
        await grain.AddUserAsync("bob", UserRole.Trader);

        var management = fixture.Cluster.GrainFactory.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);

        var users = await grain.ListUsersAsync();
        Assert.Equal(["alice", "bob"], users.Select(u => u.UserName));
    }
}
