using Plan2.Web.Tests.Infrastructure;

namespace Plan2.Web.Tests.Browser;

/// <summary>The shared browser's own promises: a test's profiles and circuits end with it; the console log is this run's.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BrowserFixtureTests(BrowserFixture fixture) : BrowserTest
{
    private const string CircuitEnded = "terminated gracefully"; // the server's log when a left page's circuit ends

    protected override BrowserFixture Browsers => fixture;

    [Fact]
    public async Task ProfilesOfATest_AreClosedWhenItEnds_AndTheServerEndsTheirCircuitsAtOnce()
    {
        var before = Count(fixture.Platform.Output, CircuitEnded);
        await fixture.OpenAsync("/");
        await fixture.OpenAsync("/markets");
        await fixture.OpenAsAsync(fixture.Desk.Viewer, "/trading"); // signed in on the form first: a page without a circuit before it

        await fixture.CloseContextsAsync();

        Assert.Empty(fixture.Browser.Contexts);
        // Not left to the server's retention of disconnected circuits (minutes, their timers still running).
        for (var i = 0; i < 150 && Count(fixture.Platform.Output, CircuitEnded) < before + 3; i++)
            await Task.Delay(100);
        Assert.Equal(before + 3, Count(fixture.Platform.Output, CircuitEnded));
    }

    [Fact]
    public void ConsoleLog_HoldsThisRunOnly()
    {
        var lines = File.ReadAllLines(BrowserFixture.ConsoleLogPath);
        Assert.EndsWith(BrowserFixture.RunStarted, lines[0], StringComparison.Ordinal);
        Assert.Single(lines, l => l.EndsWith(BrowserFixture.RunStarted, StringComparison.Ordinal));
    }

    private static int Count(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
            count++;
        return count;
    }
}
