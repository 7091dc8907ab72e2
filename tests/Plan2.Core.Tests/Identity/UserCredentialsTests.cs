using Plan2.Core.Identity;

namespace Plan2.Core.Tests.Identity;

public class UserCredentialsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    private static readonly IdentityRules Rules = IdentityRules.Default;
    private readonly TestSecrets _secrets = new();

    private static UserCredentials User(string? totp = null) => new()
    {
        UserId = "u-1", Email = "alice@acme.test", CreatedAt = Now, PasswordHash = TestSecrets.Hash("correct horse battery"), TotpSecret = totp,
        RecoveryCodeHashes = totp is null ? [] : [TestSecrets.Hash("abcdefghij")],
    };

    [Fact]
    public void SignIn_RightPassword_Succeeds() =>
        Assert.Equal(SignInDecision.Succeeded, User().SignIn("correct horse battery", null, _secrets, Rules, Now));

    [Fact]
    public void SignIn_FifthWrongPassword_LocksOut_RightPasswordRefusedUntilTheLockEnds()
    {
        var user = User();
        for (var i = 0; i < Rules.MaxFailedSignIns - 1; i++)
            Assert.Equal(SignInDecision.InvalidCredentials, user.SignIn("wrong", null, _secrets, Rules, Now));

        Assert.Equal(SignInDecision.LockedOutNow, user.SignIn("wrong", null, _secrets, Rules, Now));
        Assert.Equal(SignInDecision.LockedOut, user.SignIn("correct horse battery", null, _secrets, Rules, Now.AddMinutes(4)));
        Assert.Equal(SignInDecision.Succeeded, user.SignIn("correct horse battery", null, _secrets, Rules, Now + Rules.LockoutDuration));
    }

    [Fact]
    public void SignIn_SuccessResetsTheFailureCount()
    {
        var user = User();
        for (var i = 0; i < Rules.MaxFailedSignIns - 1; i++)
            user.SignIn("wrong", null, _secrets, Rules, Now);
        user.SignIn("correct horse battery", null, _secrets, Rules, Now);

        Assert.Equal(SignInDecision.InvalidCredentials, user.SignIn("wrong", null, _secrets, Rules, Now));
    }

    [Fact]
    public void SignIn_Totp_MissingCodeAsksWithoutCounting_ACodeWorksOnce_OlderStepsRefused()
    {
        var user = User(totp: "SECRET");

        for (var i = 0; i < Rules.MaxFailedSignIns + 1; i++)
            Assert.Equal(SignInDecision.CodeRequired, user.SignIn("correct horse battery", null, _secrets, Rules, Now));
        Assert.Equal(SignInDecision.Succeeded, user.SignIn("correct horse battery", "100005", _secrets, Rules, Now));
        Assert.Equal(SignInDecision.InvalidCode, user.SignIn("correct horse battery", "100005", _secrets, Rules, Now));
        Assert.Equal(SignInDecision.InvalidCode, user.SignIn("correct horse battery", "100004", _secrets, Rules, Now));
        Assert.Equal(SignInDecision.Succeeded, user.SignIn("correct horse battery", "100006", _secrets, Rules, Now));
    }

    [Fact]
    public void SignIn_RecoveryCode_TypedLooselyWorksOnce()
    {
        var user = User(totp: "SECRET");

        Assert.Equal(SignInDecision.SucceededWithRecoveryCode, user.SignIn("correct horse battery", "ABCDE-FGHIJ", _secrets, Rules, Now));
        Assert.Equal(SignInDecision.InvalidCode, user.SignIn("correct horse battery", "abcde-fghij", _secrets, Rules, Now));
        Assert.Empty(user.RecoveryCodeHashes);
    }

    [Fact]
    public void SignIn_WrongPasswordWithTotp_NeverReachesTheCode() =>
        Assert.Equal(SignInDecision.InvalidCredentials, User(totp: "SECRET").SignIn("wrong", "100001", _secrets, Rules, Now));
}
