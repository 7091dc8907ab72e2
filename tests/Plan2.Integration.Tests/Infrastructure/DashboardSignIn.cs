using System.Text.RegularExpressions;

namespace Plan2.Integration.Tests.Infrastructure;

/// <summary>Signs an HttpClient (its cookies) in to the dashboard as a browser does: the sign-in form with its antiforgery token.</summary>
public static partial class DashboardSignIn
{
    public const string AdminEmail = "root@plan2.test";
    public static readonly string AdminPassword = "pw-" + Guid.NewGuid().ToString("n")[..16];

    /// <summary>The platform admin the web process creates at start (Plan2__Bootstrap__*).</summary>
    public static Dictionary<string, string> AdminSettings() => new()
    {
        ["Plan2__Bootstrap__AdminEmail"] = AdminEmail,
        ["Plan2__Bootstrap__AdminPassword"] = AdminPassword,
    };

    public static async Task SignInAsync(HttpClient http, string url)
    {
        var form = await http.GetStringAsync(url + "/sign-in");
        var token = Token().Match(form) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no antiforgery token on the sign-in page");
        using var answer = await http.PostAsync(url + "/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["email"] = AdminEmail, ["password"] = AdminPassword, ["returnUrl"] = "/",
        }));
        if (answer.RequestMessage?.RequestUri?.AbsolutePath.StartsWith("/sign-in", StringComparison.Ordinal) != false)
            throw new InvalidOperationException($"sign-in refused: {answer.StatusCode} {answer.RequestMessage?.RequestUri}");
    }

    [GeneratedRegex("__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
