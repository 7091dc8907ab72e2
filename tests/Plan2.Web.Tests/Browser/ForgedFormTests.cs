using System.Text.RegularExpressions;
using Plan2.Web.Tests.Infrastructure;

namespace Plan2.Web.Tests.Browser;

/// <summary>
/// A form post without its antiforgery token (another site's, or a script's) is the client's mistake: a 400 that
/// says so, at most one Warning in the log, and no Error (Error logs become ErrorDNA fingerprints, and spikes of
/// them Telegram alerts to the platform's admins).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ForgedFormTests(BrowserFixture fixture) : BrowserTest
{
    protected override BrowserFixture Browsers => fixture;

    [Fact]
    public async Task ForgedSwitchPost_Is400_WithAClearMessage_AndNoErrorLog()
    {
        var page = await fixture.NewPageAsync(); // the desk's trader, signed in: the post passes authorization and meets the token check
        var form = page.APIRequest.CreateFormData();
        form.Set("account", "main");
        form.Set("returnUrl", "/trading");
        var logged = fixture.Platform.Output.Length;

        var forged = await page.APIRequest.PostAsync("/account/switch", new() { Form = form, MaxRedirects = 0 });

        Assert.Equal(400, forged.Status);
        Assert.Contains("antiforgery token", await forged.TextAsync(), StringComparison.OrdinalIgnoreCase);
        // The console logger writes on its own thread: wait for the guard's line, then a moment for any that would follow it.
        for (var i = 0; i < 100 && !GuardLine().IsMatch(fixture.Platform.Output[logged..]); i++)
            await Task.Delay(100);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var log = fixture.Platform.Output[logged..];
        Assert.True(GuardLine().Count(log) == 1, "not one guard Warning for one forged post:\n" + log);
        Assert.DoesNotMatch(ErrorAboutTheForm(), log);
    }

    // Other parts of the platform may log meanwhile; only lines about this post count.
    [GeneratedRegex(@"^warn: Plan2\.Web\.Identity\.ForgedFormGuard", RegexOptions.Multiline)]
    private static partial Regex GuardLine();

    [GeneratedRegex(@"^(fail|crit): (?:.*\n\s+)*.*(?:antiforgery|Antiforgery|/account/switch|BadHttpRequest)", RegexOptions.Multiline)]
    private static partial Regex ErrorAboutTheForm();
}
