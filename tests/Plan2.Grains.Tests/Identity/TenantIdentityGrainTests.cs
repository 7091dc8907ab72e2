using Plan2.Abstractions.Identity;
using Plan2.Abstractions.Tenancy;

namespace Plan2.Grains.Tests.Identity;

[Collection(ClusterCollection.Name)]
public class TenantIdentityGrainTests(ClusterFixture fixture)
{
    private const string Password = "a long enough password";

    private async Task<ITenantIdentityGrain> NewTenantAsync()
    {
        var id = "t-" + Guid.NewGuid().ToString("n")[..10];
        var grain = fixture.Cluster.GrainFactory.GetGrain<ITenantIdentityGrain>(id);
        await grain.CreateManagedAsync("Acme", null);
        return grain;
    }

    private static string Email() => $"u{Guid.NewGuid():n}@acme.test";

    [Fact]
    public async Task Register_PasswordStoredHashed_SignInChecksIt()
    {
        var tenant = await NewTenantAsync();
        var email = Email();

        var user = await tenant.RegisterUserAsync(new NewUser(email, Password, UserRole.Trader));

        Assert.Equal(SignInStatus.Succeeded, (await tenant.SignInAsync(email.ToUpperInvariant(), Password, null)).Status);
        Assert.Equal(SignInStatus.InvalidCredentials, (await tenant.SignInAsync(email, Password + "x", null)).Status);
        Assert.Equal(UserRole.Trader, (await tenant.GetUserAsync(user.UserId))!.Role);
    }

    [Fact]
    public async Task Register_EmailOfAnotherTenant_Refused_UntilThatUserIsErased()
    {
        var first = await NewTenantAsync();
        var second = await NewTenantAsync();
        var email = Email();
        var user = await first.RegisterUserAsync(new NewUser(email, Password, UserRole.Viewer));
        await first.RegisterUserAsync(new NewUser(Email(), Password, UserRole.Admin)); // the tenant keeps an admin

        await Assert.ThrowsAsync<InvalidOperationException>(() => second.RegisterUserAsync(new NewUser(email, Password, UserRole.Viewer)));
        await first.EraseUserAsync(user.UserId);
        await second.RegisterUserAsync(new NewUser(email, Password, UserRole.Viewer));

        Assert.Equal(second.GetPrimaryKeyString(), await fixture.Cluster.GrainFactory.GetGrain<IUserDirectoryGrain>(email).FindTenantAsync());
        Assert.Equal(SignInStatus.InvalidCredentials, (await first.SignInAsync(email, Password, null)).Status);
    }

    [Fact]
    public async Task Register_WeakPassword_RefusedAndNothingKept()
    {
        var tenant = await NewTenantAsync();
        var email = Email();

        await Assert.ThrowsAsync<ArgumentException>(() => tenant.RegisterUserAsync(new NewUser(email, "short", UserRole.Viewer)));

        Assert.Null(await fixture.Cluster.GrainFactory.GetGrain<IUserDirectoryGrain>(email).FindTenantAsync());
        Assert.Empty((await fixture.Cluster.GrainFactory.GetGrain<ITenantGrain>(tenant.GetPrimaryKeyString()).GetAsync())!.Users);
    }

    [Fact]
    public async Task RemovedMember_CannotSignIn()
    {
        var tenant = await NewTenantAsync();
        var email = Email();
        await tenant.RegisterUserAsync(new NewUser(email, Password, UserRole.Viewer));

        await fixture.Cluster.GrainFactory.GetGrain<ITenantGrain>(tenant.GetPrimaryKeyString()).RemoveUserAsync(email);

        Assert.Equal(SignInStatus.InvalidCredentials, (await tenant.SignInAsync(email, Password, null)).Status);
    }

    [Fact]
    public async Task ApiKey_AuthenticatesBySecret_NotAfterRevocation()
    {
        var tenant = await NewTenantAsync();
        var admin = await tenant.RegisterUserAsync(new NewUser(Email(), Password, UserRole.Admin));
        var created = await tenant.CreateApiKeyAsync("ci", UserRole.Trader, admin.UserId);
        Assert.True(ApiKeyFormat.TryParse(created.Key, out var tenantId, out var keyId, out var secret));
        Assert.Equal(tenant.GetPrimaryKeyString(), tenantId);

        Assert.Equal(UserRole.Trader, (await tenant.AuthenticateApiKeyAsync(keyId, secret))!.Role);
        Assert.Null(await tenant.AuthenticateApiKeyAsync(keyId, secret + "x"));
        await tenant.RevokeApiKeyAsync(keyId, admin.UserId);
        Assert.Null(await tenant.AuthenticateApiKeyAsync(keyId, secret));
    }

    [Fact]
    public async Task ApiKey_UnknownCreator_Refused_AndNoKeyKept()
    {
        var tenant = await NewTenantAsync();
        await tenant.RegisterUserAsync(new NewUser(Email(), Password, UserRole.Admin));

        var refused = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => tenant.CreateApiKeyAsync("ci", UserRole.Admin, "u-nobody"));

        Assert.Contains("'u-nobody' is neither a member of tenant", refused.Message);
        Assert.Empty(await tenant.ListApiKeysAsync());
    }

    [Fact]
    public async Task ApiKey_MemberOfAnotherTenant_Refused_PlatformAdmin_MayCreateAnAdminKey()
    {
        var tenant = await NewTenantAsync();
        var other = await NewTenantAsync();
        var stranger = await other.RegisterUserAsync(new NewUser(Email(), Password, UserRole.Admin));
        var platform = fixture.Cluster.GrainFactory.GetGrain<ITenantIdentityGrain>(Plan2Claims.PlatformTenant);
        if (await fixture.Cluster.GrainFactory.GetGrain<ITenantGrain>(Plan2Claims.PlatformTenant).GetAsync() is null)
            await platform.CreateManagedAsync("Platform", null);
        var operatorAdmin = await platform.RegisterUserAsync(new NewUser(Email(), Password, UserRole.Admin));

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => tenant.CreateApiKeyAsync("ci", UserRole.Viewer, stranger.UserId));
        var created = await tenant.CreateApiKeyAsync("ops", UserRole.Admin, operatorAdmin.UserId);

        Assert.Equal(UserRole.Admin, created.Info.Role);
        Assert.Equal(["ops"], (await tenant.ListApiKeysAsync()).Select(k => k.Name));
    }
}
