using Xunit;

namespace Plan2.Web.Tests.Infrastructure;

/// <summary>
/// A test of the shared browser: the profiles it opened through <see cref="BrowserFixture"/> are closed when it
/// ends, passed or failed, so that one test's live circuits never weigh on the next; and it starts only if the
/// test before it left none open (which says which cleanup broke, rather than slowing every later test).
/// </summary>
public abstract class BrowserTest : IAsyncLifetime
{
    protected abstract BrowserFixture Browsers { get; }

    public virtual Task InitializeAsync()
    {
        var left = Browsers.Browser.Contexts.Count;
        return left == 0 ? Task.CompletedTask : FailAsync(left);
    }

    private async Task FailAsync(int left)
    {
        foreach (var context in Browsers.Browser.Contexts.ToList())
            await context.CloseAsync();
        Assert.Fail($"{left} browser profile(s) of an earlier test were still open: its cleanup did not run.");
    }

    public virtual Task DisposeAsync() => Browsers.CloseContextsAsync();
}
