using System.Text.RegularExpressions;
using Plan2.Web.Tests.Infrastructure;

namespace Plan2.Web.Tests.Browser;

/// <summary>
/// A form post without its antiforgery token (another site's, or a script's) is the client's mistake: a 400 that
/// says so, at most one Warning in the log, and no Error (Error logs become ErrorDNA fingerprints, and spikes of
/// them Telegram alerts to the platform's admins).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ForgedFormTests(BrowserFixture fixture)
{
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
        await Task.Delay(TimeSpan.FromSeconds(1)); // the console logger writes on its own thread
        var log = fixture.Platform.Output[logged..];
        Assert.DoesNotMatch(ErrorLine(), log);
        Assert.True(WarningLine().Count(log) <= 1, "more than one Warning for one forged post:\n" + log);
        await page.Context.CloseAsync();
    }

    [GeneratedRegex(@"^(fail|crit): ", RegexOptions.Multiline)]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"^warn: ", RegexOptions.Multiline)]
    private static partial Regex WarningLine();
}
