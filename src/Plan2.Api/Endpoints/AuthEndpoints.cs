using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Plan2.Abstractions.Identity;
using Plan2.Api.Auth;
using Plan2.Api.Infrastructure;
using Plan2.Core.Identity;

namespace Plan2.Api.Endpoints;

public sealed record SignInRequest(string? Email, string? Password, string? Code = null);

public sealed record RefreshRequest(string? RefreshToken);

/// <summary>Sign-in, refresh and sign-out: the only API endpoints open without a token.</summary>
public static class AuthEndpoints
{
    public static void MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Authentication").AllowAnonymous();
        auth.MapPost("/sign-in", SignIn).WithName("SignIn")
            .WithSummary("Signs in with email and password (and a TOTP or recovery code when enrolled); returns an access and a refresh token.");
        auth.MapPost("/refresh", Refresh).WithName("Refresh")
            .WithSummary("Swaps a refresh token for a new pair; a token already swapped ends its whole family.");
        auth.MapPost("/sign-out", SignOut).WithName("SignOut").WithSummary("Ends the refresh token's family.");
    }

    public static async Task<Results<Ok<TokenPair>, ValidationProblem, ProblemHttpResult>> SignIn(
        SignInRequest request, IGrainFactory grains, TokenIssuer tokens)
    {
        var check = new Validation()
            .Require(!string.IsNullOrWhiteSpace(request.Email), "email", "Give the email you sign in with.")
            .Require(!string.IsNullOrEmpty(request.Password), "password", "Give your password.");
        if (!check.IsValid)
            return TypedResults.ValidationProblem(check.Errors);
        var outcome = await PasswordSignIn.CheckAsync(grains, request.Email!, request.Password!, request.Code);
        return outcome.Status switch
        {
            SignInStatus.Succeeded => TypedResults.Ok(await tokens.StartSessionAsync(outcome.User!)),
            SignInStatus.CodeRequired => Problem(401, "This account has a second factor: send the code from the authenticator (or a recovery code) as 'code'.", "code-required"),
            SignInStatus.InvalidCode => Problem(401, "The code is wrong or was already used.", "invalid-code"),
            SignInStatus.LockedOut => Problem(423, $"Too many failed sign-ins: locked until {outcome.LockedUntil:u}.", "locked-out"),
            _ => Problem(401, "The email or password is wrong.", "invalid-credentials"),
        };
    }

    public static async Task<Results<Ok<TokenPair>, ValidationProblem, ProblemHttpResult>> Refresh(
        RefreshRequest request, IGrainFactory grains, TokenIssuer tokens)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["refreshToken"] = ["Give the refresh token."] });
        var (pair, status, tenant, userId) = await tokens.RefreshAsync(request.RefreshToken.Trim());
        if (status == RefreshStatus.Reused && tenant is not null)
            await grains.GetGrain<ITenantIdentityGrain>(tenant).RecordAsync(SecurityEventKinds.RefreshTokenReused, userId,
                "a refresh token was presented again after it had been swapped; its family is revoked");
        return pair is not null
            ? TypedResults.Ok(pair)
            : status switch
            {
                RefreshStatus.Reused => Problem(401, "This refresh token was already used; all tokens of this sign-in are revoked. Sign in again.", "refresh-reused"),
                RefreshStatus.Expired => Problem(401, "The refresh token expired. Sign in again.", "refresh-expired"),
                _ => Problem(401, "The refresh token is unknown or revoked.", "refresh-invalid"),
            };
    }

    public static async Task<NoContent> SignOut(RefreshRequest request, TokenIssuer tokens)
    {
        if (!string.IsNullOrWhiteSpace(request.RefreshToken))
            await tokens.RevokeAsync(request.RefreshToken.Trim());
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult Problem(int status, string detail, string code) =>
        TypedResults.Problem(detail, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = code });
}
