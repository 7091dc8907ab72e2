using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OtpNet;

namespace Plan2.Api.Tests;

[Collection(ApiCollection.Name)]
public class SignInTests(ApiFixture api)
{
    [Fact]
    public async Task SignIn_RightPassword_TokenOpensTheApi()
    {
        var tenant = await api.NewTenantAsync();

        var tokens = await api.SignInAsync(tenant.Email("viewer"), tenant.Password);
        using var client = api.Client(tokens.AccessToken);
        var me = await client.GetFromJsonAsync<JsonObject>("/api/me");

        Assert.Equal(900, tokens.ExpiresIn);
        Assert.False(tokens.PasswordChangeRequired);
        Assert.Equal(tenant.Id, me!["tenantId"]!.GetValue<string>());
        Assert.Equal("Viewer", me["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task SignIn_WrongPasswordOrUnknownEmail_SameProblem()
    {
        var tenant = await api.NewTenantAsync();
        using var client = api.Client();

        var wrong = await client.PostAsJsonAsync("/api/auth/sign-in", new { email = tenant.Email("trader"), password = "not-the-password-1" });
        var unknown = await client.PostAsJsonAsync("/api/auth/sign-in", new { email = "nobody@nowhere.test", password = "not-the-password-1" });

        var a = await ProblemAssert.IsProblem(wrong, HttpStatusCode.Unauthorized);
        var b = await ProblemAssert.IsProblem(unknown, HttpStatusCode.Unauthorized);
        Assert.Equal(a["detail"]!.GetValue<string>(), b["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksOutEvenTheRightOne()
    {
        var tenant = await api.NewTenantAsync();
        using var client = api.Client();
        for (var i = 0; i < 4; i++)
            await ProblemAssert.IsProblem(await client.PostAsJsonAsync("/api/auth/sign-in", new { email = tenant.Email("trader"), password = $"wrong-password-{i}" }), HttpStatusCode.Unauthorized);

        var fifth = await client.PostAsJsonAsync("/api/auth/sign-in", new { email = tenant.Email("trader"), password = "wrong-password-5" });
        var right = await client.PostAsJsonAsync("/api/auth/sign-in", new { email = tenant.Email("trader"), password = tenant.Password });

        await ProblemAssert.IsProblem(fifth, HttpStatusCode.Locked);
        var locked = await ProblemAssert.IsProblem(right, HttpStatusCode.Locked);
        Assert.Equal("locked-out", locked["code"]!.GetValue<string>());
        using var admin = api.Client((await api.SignInAsync(tenant.Email("tenant-admin"), tenant.Password)).AccessToken);
        var audit = await admin.GetFromJsonAsync<JsonArray>("/api/audit");
        Assert.Contains(audit!, e => e!["kind"]!.GetValue<string>() == "locked-out");
    }

    [Fact]
    public async Task SignIn_WithTotp_NeedsAFreshCodeOrARecoveryCodeOnce()
    {
        var tenant = await api.NewTenantAsync();
        var email = tenant.Email("trader");
        using var client = api.Client((await api.SignInAsync(email, tenant.Password)).AccessToken);
        var enrolment = await (await client.PostAsync("/api/me/totp", null)).Content.ReadFromJsonAsync<JsonObject>();
        var totp = new Totp(Base32Encoding.ToBytes(enrolment!["secret"]!.GetValue<string>()));
        Assert.StartsWith("data:image/png;base64,", enrolment["qrCodePng"]!.GetValue<string>());
        Assert.StartsWith("otpauth://totp/", enrolment["uri"]!.GetValue<string>());

        var current = totp.ComputeTotp(DateTime.UtcNow);
        var confirmed = await client.PostAsJsonAsync("/api/me/totp/confirm", new { code = current });
        Assert.True(confirmed.IsSuccessStatusCode, await confirmed.Content.ReadAsStringAsync());
        var recovery = (await confirmed.Content.ReadFromJsonAsync<JsonObject>())!["recoveryCodes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Equal(10, recovery.Count);

        using var anonymous = api.Client();
        var withoutCode = await anonymous.PostAsJsonAsync("/api/auth/sign-in", new { email, password = tenant.Password });
        Assert.Equal("code-required", (await ProblemAssert.IsProblem(withoutCode, HttpStatusCode.Unauthorized))["code"]!.GetValue<string>());
        var replayed = await anonymous.PostAsJsonAsync("/api/auth/sign-in", new { email, password = tenant.Password, code = current });
        Assert.Equal("invalid-code", (await ProblemAssert.IsProblem(replayed, HttpStatusCode.Unauthorized))["code"]!.GetValue<string>());

        // The next step's code is accepted as clock drift, once; the confirming code, already used, was refused above.
        var next = totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30));
        await api.SignInAsync(email, tenant.Password, next);
        var nextAgain = await anonymous.PostAsJsonAsync("/api/auth/sign-in", new { email, password = tenant.Password, code = next });
        await ProblemAssert.IsProblem(nextAgain, HttpStatusCode.Unauthorized);
        await api.SignInAsync(email, tenant.Password, recovery[0].ToUpperInvariant());
        var recoveryAgain = await anonymous.PostAsJsonAsync("/api/auth/sign-in", new { email, password = tenant.Password, code = recovery[0] });
        await ProblemAssert.IsProblem(recoveryAgain, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SignIn_MissingFields_ValidationProblemNamesEach()
    {
        using var client = api.Client();

        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { });

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["email"]);
        Assert.NotNull(problem["errors"]!["password"]);
    }

    [Fact]
    public async Task OneTimeAdminPassword_AllowsOnlyAPasswordChange()
    {
        // The fixture signed in with the generated password and changed it; the old one no longer works.
        using var client = api.Client();
        var old = await client.PostAsJsonAsync("/api/auth/sign-in", new { email = ApiFixture.AdminEmail, password = api.OneTimePassword });
        await ProblemAssert.IsProblem(old, HttpStatusCode.Unauthorized);

        var tenant = await api.NewTenantAsync();
        using var admin = api.Client((await api.SignInAsync(tenant.Email("tenant-admin"), tenant.Password)).AccessToken);
        var oneTime = "One-" + Guid.NewGuid().ToString("n");
        // A user created with a must-change flag is what the bootstrap makes; reproduce it through the grain.
        var user = await api.Grains.GetGrain<Plan2.Abstractions.Identity.ITenantIdentityGrain>(tenant.Id)
            .RegisterUserAsync(new Plan2.Abstractions.Identity.NewUser($"fresh@{tenant.Id}.test", oneTime, Plan2.Abstractions.Tenancy.UserRole.Admin, MustChangePassword: true));
        var tokens = await api.SignInAsync(user.Email, oneTime);
        using var fresh = api.Client(tokens.AccessToken);

        Assert.True(tokens.PasswordChangeRequired);
        var refused = await ProblemAssert.IsProblem(await fresh.GetAsync("/api/accounts"), HttpStatusCode.Forbidden);
        Assert.Contains("POST /api/me/password", refused["detail"]!.GetValue<string>()); // says what to do, not just "no"
        var changed = await fresh.PostAsJsonAsync("/api/me/password", new { currentPassword = oneTime, newPassword = "Chosen-" + Guid.NewGuid().ToString("n") });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
    }
}
