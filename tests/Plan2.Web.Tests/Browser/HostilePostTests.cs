using Plan2.Web.Tests.Infrastructure;

namespace Plan2.Web.Tests.Browser;

/// <summary>
/// Hostile posts to the dashboard's forms (the platform as users run it): a return address with control characters sends
/// home rather than failing the sign-in with a 500 (LocalRedirect refuses it). The error page itself: DashboardErrorPageTests (API tests).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HostilePostTests(BrowserFixture fixture) : BrowserTest
{
    protected override BrowserFixture Browsers => fixture;

    [Fact]
    public async Task SignIn_WithAControlCharacterInTheReturnAddress_GoesHome()
    {
        var page = await fixture.NewPageAsync(signedIn: false);
        await page.GotoAsync("/sign-in");
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var form = page.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", token!);
        form.Set("email", fixture.Desk.Viewer.Email);
        form.Set("password", fixture.Desk.Viewer.Password);
        form.Set("returnUrl", "/trading\u0001\r\nX-Evil: 1");

        var signedIn = await page.APIRequest.PostAsync("/account/sign-in", new() { Form = form, MaxRedirects = 0 });

        Assert.True(signedIn.Status == 302, $"{signedIn.Status}: {await signedIn.TextAsync()}");
        Assert.Equal("/", signedIn.Headers["location"]);
    }
}
