using Plan2.Core.Tenancy;

namespace Plan2.Core.Tests.Tenancy;

public class TenantTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    private static Tenant NewTenant() => Tenant.Create("acme", "Acme Capital", "Alice", null, Now);

    [Fact]
    public void Create_ValidInput_StartsWithOneAdminAndDefaultSettings()
    {
        var tenant = NewTenant();

        var admin = Assert.Single(tenant.Members);
        Assert.Equal(new TenantMember("alice", TenantRole.Admin, Now), admin);
        Assert.Equal(TenantSettings.Default, tenant.Settings);
        Assert.Equal("Acme Capital", tenant.DisplayName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("A")]
    [InlineData("ACME")]
    [InlineData("-acme")]
    [InlineData("acme-")]
    [InlineData("ac me")]
    [InlineData("acme/other")]
    public void Create_InvalidTenantId_Throws(string id) =>
        Assert.Throws<ArgumentException>(() => Tenant.Create(id, "Acme", "alice", null, Now));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("bad name")]
    [InlineData("x\u0000y")]
    public void AddUser_InvalidName_Throws(string name) =>
        Assert.Throws<ArgumentException>(() => NewTenant().AddUser(name, TenantRole.Viewer, Now));

    [Fact]
    public void AddUser_SameNameOtherCase_IsRefusedAsDuplicate()
    {
        var tenant = NewTenant();
        tenant.AddUser("bob", TenantRole.Trader, Now);

        var e = Assert.Throws<InvalidOperationException>(() => tenant.AddUser("BOB", TenantRole.Viewer, Now));
        Assert.Contains("already belongs", e.Message);
    }

    [Fact]
    public void AddUser_UnknownRoleValue_Throws() =>
        Assert.Throws<ArgumentException>(() => NewTenant().AddUser("bob", (TenantRole)7, Now));

    [Fact]
    public void AddUser_AtMaxUsers_IsRefused()
    {
        var tenant = Tenant.Create("acme", "Acme", "alice", TenantSettings.Default with { MaxUsers = 2 }, Now);
        tenant.AddUser("bob", TenantRole.Trader, Now);

        Assert.Throws<InvalidOperationException>(() => tenant.AddUser("carol", TenantRole.Viewer, Now));
        Assert.Equal(2, tenant.Members.Count);
    }

    [Fact]
    public void ChangeRole_LastAdmin_CannotBeDemoted()
    {
        var tenant = NewTenant();

        Assert.Throws<InvalidOperationException>(() => tenant.ChangeRole("alice", TenantRole.Trader));
        Assert.Equal(TenantRole.Admin, tenant.Find("alice")!.Role);
    }

    [Fact]
    public void ChangeRole_WithSecondAdmin_DemotesTheFirst()
    {
        var tenant = NewTenant();
        tenant.AddUser("bob", TenantRole.Admin, Now);

        var changed = tenant.ChangeRole("Alice", TenantRole.Viewer);

        Assert.Equal(TenantRole.Viewer, changed.Role);
        Assert.Equal(TenantRole.Viewer, tenant.Find("alice")!.Role);
    }

    [Fact]
    public void RemoveUser_LastAdmin_IsRefused_OtherUser_IsRemoved()
    {
        var tenant = NewTenant();
        tenant.AddUser("bob", TenantRole.Trader, Now);

        Assert.Throws<InvalidOperationException>(() => tenant.RemoveUser("alice"));
        tenant.RemoveUser("bob");

        Assert.Equal(["alice"], tenant.Members.Select(m => m.UserName));
    }

    [Fact]
    public void RemoveUser_Unknown_Throws() =>
        Assert.Throws<InvalidOperationException>(() => NewTenant().RemoveUser("nobody"));

    [Fact]
    public void UpdateSettings_MaxUsersBelowCurrentCount_IsRefused()
    {
        var tenant = NewTenant();
        tenant.AddUser("bob", TenantRole.Trader, Now);

        Assert.Throws<InvalidOperationException>(() => tenant.UpdateSettings(TenantSettings.Default with { MaxUsers = 1 }));
        Assert.Equal(TenantSettings.Default, tenant.Settings);
    }

    [Fact]
    public void UpdateSettings_Valid_Replaces()
    {
        var tenant = NewTenant();
        var settings = TenantSettings.Default with { BaseCurrency = "EUR", MaxOrderNotional = 250_000.50m };

        tenant.UpdateSettings(settings);

        Assert.Equal(settings, tenant.Settings);
    }
}
