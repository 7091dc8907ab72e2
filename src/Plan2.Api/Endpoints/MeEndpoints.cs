using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Plan2.Abstractions.Identity;
using Plan2.Abstractions.Telegram;
using Plan2.Abstractions.Trading;
using Plan2.Api.Auth;
using Plan2.Api.Infrastructure;
using QRCoder;

namespace Plan2.Api.Endpoints;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record TotpCodeRequest(string? Code);

/// <summary>A TOTP secret to enrol: typed in as Base32, or scanned from the QR code (a PNG data URI of the otpauth URI).</summary>
public sealed record TotpEnrolmentResponse(string Secret, string Uri, string QrCodePng);

/// <summary>A one-time code to send to the bot as "/start CODE"; it works once and expires.</summary>
public sealed record TelegramLinkResponse(string Code, DateTimeOffset ExpiresAt);

public sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes);

/// <summary>Everything the platform keeps about the caller: account, keys, security events, and the orders they placed.</summary>
public sealed record UserExportResponse(UserDataExport Identity, IReadOnlyList<OrderView> Orders);

/// <summary>The signed-in user's own account: password, second factor, GDPR export and erasure.</summary>
public static class MeEndpoints
{
    public static void MapMeEndpoints(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("Me");
        me.MapGet("/", Get).RequireAuthorization(ApiPolicies.PasswordChange).WithName("GetMe").WithSummary("The signed-in user.");
        me.MapPost("/password", ChangePassword).RequireAuthorization(ApiPolicies.PasswordChange).WithName("ChangePassword")
            .WithSummary("Changes the password (the only thing a one-time password allows); sign in again afterwards.");
        me.MapPost("/totp", BeginTotp).RequireAuthorization(ApiPolicies.Viewer).WithName("BeginTotp")
            .WithSummary("Starts TOTP enrolment: a secret and its QR code for an authenticator app.");
        me.MapPost("/totp/confirm", ConfirmTotp).RequireAuthorization(ApiPolicies.Viewer).WithName("ConfirmTotp")
            .WithSummary("Turns TOTP on with a first code; returns recovery codes, shown this once.");
        me.MapGet("/export", Export).RequireAuthorization(ApiPolicies.Viewer).WithName("ExportMe")
            .WithSummary("GDPR access: the caller's data as JSON.");
        me.MapPost("/telegram-link", TelegramLink).RequireAuthorization(ApiPolicies.Viewer).WithName("TelegramLink")
            .WithSummary("A one-time code that links a Telegram chat to the caller (send /start CODE to the bot).");
        me.MapDelete("/", Erase).RequireAuthorization(ApiPolicies.Viewer).WithName("EraseMe")
            .WithSummary("GDPR erasure: removes the person; order audit trails keep only an anonymous id.");
    }

    public static async Task<Results<Ok<UserAccountView>, NotFound>> Get(ClaimsPrincipal user, IGrainFactory grains)
    {
        var caller = Caller.From(user);
        if (caller.ApiKeyId is not null)
            return TypedResults.NotFound();
        var account = await grains.GetGrain<ITenantIdentityGrain>(caller.TenantId).GetUserAsync(caller.UserId);
        return account is null ? TypedResults.NotFound() : TypedResults.Ok(account);
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangePassword(
        ChangePasswordRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var caller = Caller.From(user);
        if (caller.ApiKeyId is not null)
            return TypedResults.Problem("An API key has no password.", statusCode: 400);
        var check = new Validation()
            .Require(!string.IsNullOrEmpty(request.CurrentPassword), "currentPassword", "Give the current password.")
            .Require(Core.Identity.IdentityRules.Default.CheckPassword(request.NewPassword) is null, "newPassword",
                Core.Identity.IdentityRules.Default.CheckPassword(request.NewPassword) ?? "");
        if (!check.IsValid)
            return TypedResults.ValidationProblem(check.Errors);
        await grains.GetGrain<ITenantIdentityGrain>(caller.TenantId).ChangePasswordAsync(caller.UserId, request.CurrentPassword!, request.NewPassword!);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<TotpEnrolmentResponse>, ProblemHttpResult>> BeginTotp(ClaimsPrincipal user, IGrainFactory grains)
    {
        var caller = Caller.From(user);
        if (caller.ApiKeyId is not null)
            return TypedResults.Problem("An API key cannot enrol a second factor.", statusCode: 400);
        var enrolment = await grains.GetGrain<ITenantIdentityGrain>(caller.TenantId).BeginTotpEnrolmentAsync(caller.UserId);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(enrolment.Uri, QRCodeGenerator.ECCLevel.Q);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return TypedResults.Ok(new TotpEnrolmentResponse(enrolment.Secret, enrolment.Uri, "data:image/png;base64," + Convert.ToBase64String(png)));
    }

    public static async Task<Results<Ok<RecoveryCodesResponse>, ValidationProblem>> ConfirmTotp(
        TotpCodeRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var caller = Caller.From(user);
        if (string.IsNullOrWhiteSpace(request.Code) || request.Code.Trim().Length != 6 || !request.Code.Trim().All(char.IsAsciiDigit))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = ["Give the 6-digit code the authenticator shows."] });
        var codes = await grains.GetGrain<ITenantIdentityGrain>(caller.TenantId).ConfirmTotpAsync(caller.UserId, request.Code.Trim());
        return TypedResults.Ok(new RecoveryCodesResponse(codes));
    }

    public static async Task<Results<Ok<UserExportResponse>, NotFound>> Export(ClaimsPrincipal user, IGrainFactory grains)
    {
        var caller = Caller.From(user);
        var identity = await grains.GetGrain<ITenantIdentityGrain>(caller.TenantId).ExportUserAsync(caller.UserId);
        if (identity is null)
            return TypedResults.NotFound();
        var orders = await TenantOrders.ListAsync(grains, caller.TenantId, null, 10_000);
        return TypedResults.Ok(new UserExportResponse(identity, orders.Where(o => o.Request.PlacedBy.Name == caller.UserId).ToList()));
    }

    public static async Task<Results<Ok<TelegramLinkResponse>, ProblemHttpResult>> TelegramLink(ClaimsPrincipal user, IGrainFactory grains)
    {
        var caller = Caller.From(user);
        if (caller.ApiKeyId is not null)
            return TypedResults.Problem("An API key is not a person; sign in as the user the chat should speak for.", statusCode: 400);
        // The bot checks the chat's role against the tenant's member list, which names users by email.
        var account = await grains.GetGrain<ITenantIdentityGrain>(caller.TenantId).GetUserAsync(caller.UserId);
        if (account is null)
            return TypedResults.Problem("The signed-in user no longer exists.", statusCode: 404);
        var code = await grains.GetGrain<ITelegramDirectoryGrain>(ITelegramDirectoryGrain.Key).IssueCodeAsync(caller.TenantId, account.Email, caller.Role);
        return TypedResults.Ok(new TelegramLinkResponse(code.Code, code.ExpiresAt));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Erase(ClaimsPrincipal user, IGrainFactory grains)
    {
        var caller = Caller.From(user);
        if (caller.ApiKeyId is not null)
            return TypedResults.Problem("An API key is not a person; revoke it instead.", statusCode: 400);
        await grains.GetGrain<ITenantIdentityGrain>(caller.TenantId).EraseUserAsync(caller.UserId);
        return TypedResults.NoContent();
    }
}
