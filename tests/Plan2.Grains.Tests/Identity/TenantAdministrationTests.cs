using Plan2.Abstractions.Identity;
using Plan2.Abstractions.Tenancy;

namespace Plan2.Grains.Tests.Identity;

/// <summary>What the dashboard's administration pages read: every tenant, and each tenant's users with their sign-in state.</summary>
[Collection(ClusterCollection.Name)]
public class TenantAdministrationTests(ClusterFixture fixture)
{
    private const string Password = "a long enough password";
    private IGrainFactory Grains => fixture.Cluster.GrainFactory;

    [Fact]
    public async Task TenantDirectory_ListsEveryCreatedTenantOnce_WhicheverWayItWasCreated()
    {
        var managed = "t-" + Guid.NewGuid().ToString("n")[..10];
        var withAdmin = "t-" + Guid.NewGuid().ToString("n")[..10];
        await Grains.GetGrain<ITenantIdentityGrain>(managed).CreateManagedAsync("Managed", null);
        await Grains.GetGrain<ITenantGrain>(withAdmin).CreateAsync(new CreateTenant("With admin", "boss"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Grains.GetGrain<ITenantIdentityGrain>(managed).CreateManagedAsync("Again", null));

        var listed = await Grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).ListAsync();

        Assert.Single(listed, managed);
        Assert.Single(listed, withAdmin);
    }

    [Fact]
    public async Task ListUserAccounts_ShowsRoleSecondFactorAndPasswordState_AndDropsRemovedMembers()
    {
        var id = "t-" + Guid.NewGuid().ToString("n")[..10];
        var identity = Grains.GetGrain<ITenantIdentityGrain>(id);
        await identity.CreateManagedAsync("Acme", null);
        var admin = await identity.RegisterUserAsync(new NewUser($"a{Guid.NewGuid():n}@acme.test", Password, UserRole.Admin));
        var newcomer = await identity.RegisterUserAsync(new NewUser($"n{Guid.NewGuid():n}@acme.test", Password, UserRole.Trader, MustChangePassword: true));
        var gone = await identity.RegisterUserAsync(new NewUser($"g{Guid.NewGuid():n}@acme.test", Password, UserRole.Viewer));
        var enrolment = await identity.BeginTotpEnrolmentAsync(admin.UserId);
        await identity.ConfirmTotpAsync(admin.UserId, new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(enrolment.Secret)).ComputeTotp());
        await Grains.GetGrain<ITenantGrain>(id).ChangeUserRoleAsync(newcomer.Email, UserRole.Viewer);
        await Grains.GetGrain<ITenantGrain>(id).RemoveUserAsync(gone.Email);

        var accounts = (await identity.ListUserAccountsAsync()).ToDictionary(a => a.UserId);

        Assert.Equal(2, accounts.Count);
        Assert.True(accounts[admin.UserId].TotpEnabled);
        Assert.False(accounts[newcomer.UserId].TotpEnabled);
        Assert.True(accounts[newcomer.UserId].MustChangePassword);
        Assert.Equal(UserRole.Viewer, accounts[newcomer.UserId].Role); // the member's role as it is now
    }
}
