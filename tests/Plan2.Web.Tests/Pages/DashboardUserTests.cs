using System.Security.Claims;
using Plan2.Abstractions.Identity;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;
using Plan2.Web.Identity;
using Plan2.Web.Services;
using Plan2.Web.Services.Administration;
using Plan2.Web.Services.Trading;

namespace Plan2.Web.Tests.Pages;

/// <summary>
/// Who the dashboard takes the signed-in user for, and the server-side role checks behind every action
/// (they refuse before any grain is reached, so no grain factory is needed to see them refuse).
/// </summary>
public class DashboardUserTests
{
    private static UserAccountView Account(string tenant, UserRole role) =>
        new(tenant, "u-1", "someone@acme.test", role, MustChangePassword: false, TotpEnabled: false, DateTimeOffset.UnixEpoch);

    [Fact]
    public void ActingTenant_IsTakenOnlyFromAPlatformAdmin()
    {
        var platformAdmin = DashboardUser.From(DashboardPrincipal.Create(Account(Plan2Claims.PlatformTenant, UserRole.Admin), "acme", "swing"));
        Assert.True(platformAdmin.IsPlatformAdmin);
        Assert.Equal("acme/swing", platformAdmin.AccountKey);
        Assert.Equal(Plan2Claims.PlatformTenant, platformAdmin.OwnTenantId);

        // A tenant admin's cookie naming another tenant (it cannot be issued, but the claim alone must not move them).
        var tenantAdmin = DashboardUser.From(DashboardPrincipal.Create(Account("acme", UserRole.Admin), "other"));
        Assert.False(tenantAdmin.IsPlatformAdmin);
        Assert.Equal("acme", tenantAdmin.TenantId);
        Assert.Equal("acme/main", tenantAdmin.AccountKey);
    }

    [Fact]
    public void Roles_FollowTheClaims_AndNobodySignedInMayNothing()
    {
        Assert.True(DashboardUser.From(DashboardPrincipal.Create(Account("acme", UserRole.Trader))).CanTrade);
        var viewer = DashboardUser.From(DashboardPrincipal.Create(Account("acme", UserRole.Viewer)));
        Assert.False(viewer.CanTrade);
        Assert.Equal(Actor.User("u-1"), viewer.Actor); // the opaque id, as the API records it

        var nobody = DashboardUser.From(new ClaimsPrincipal(new ClaimsIdentity()));
        Assert.False(nobody.IsSignedIn);
        Assert.False(nobody.Has(UserRole.Viewer));
    }

    [Fact]
    public async Task Viewer_IsRefusedEveryTradingAction_OnTheServer()
    {
        var viewer = DashboardUser.From(DashboardPrincipal.Create(Account("acme", UserRole.Viewer)));
        var desk = new TradingDeskService(null!, viewer, new PaperAccountDefaults());
        var ticket = new OrderTicketModel { Symbol = "EURUSD", Quantity = 0.1m };

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => desk.PlaceAsync(ticket));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => desk.CancelAsync("any"));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => desk.SetAccountKillSwitchAsync(true));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => desk.SetTenantKillSwitchAsync(true));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => desk.SetStrategyEnabledAsync("EURUSD", null, true));
    }

    [Fact]
    public async Task Administration_IsRefusedToTradersAndTenantsToTenantAdmins_OnTheServer()
    {
        var trader = new AdministrationService(null!, DashboardUser.From(DashboardPrincipal.Create(Account("acme", UserRole.Trader))), null!);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => trader.ListMembersAsync());
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => trader.CreateUserAsync("x@acme.test", "a long enough password", UserRole.Admin, false));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => trader.CreateApiKeyAsync("key", UserRole.Viewer));

        var tenantAdmin = new AdministrationService(null!, DashboardUser.From(DashboardPrincipal.Create(Account("acme", UserRole.Admin))), null!);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => tenantAdmin.ListTenantsAsync());
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => tenantAdmin.CreateTenantAsync("Other"));
    }
}
