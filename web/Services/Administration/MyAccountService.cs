using Plan2.Abstractions.Identity;
using Plan2.Abstractions.Telegram;

namespace Plan2.Web.Services.Administration;

/// <summary>The signed-in user's own account: their facts, TOTP enrolment, and their Telegram link code.</summary>
public sealed class MyAccountService(IGrainFactory grains, DashboardUser user)
{
    private ITenantIdentityGrain Identity => grains.GetGrain<ITenantIdentityGrain>(user.OwnTenantId);

    public Task<UserAccountView?> GetAsync() => Identity.GetUserAsync(user.UserId);

    public Task<TotpEnrolment> BeginTotpAsync() => Identity.BeginTotpEnrolmentAsync(user.UserId);

    /// <summary>Turns TOTP on with the authenticator's first code; the recovery codes are shown this once.</summary>
    public Task<IReadOnlyList<string>> ConfirmTotpAsync(string? code)
    {
        if (code is null || code.Trim().Length != 6 || !code.Trim().All(char.IsAsciiDigit))
            throw new ArgumentException("Give the 6-digit code the authenticator shows.");
        return Identity.ConfirmTotpAsync(user.UserId, code.Trim());
    }

    public Task<TelegramLinkCode> IssueTelegramCodeAsync() =>
        grains.GetGrain<ITelegramDirectoryGrain>(ITelegramDirectoryGrain.Key).IssueCodeAsync(user.OwnTenantId, user.DisplayName, user.Role);
}
