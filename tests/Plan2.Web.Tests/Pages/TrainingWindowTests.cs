using Plan2.Web.Services.Insights;

namespace Plan2.Web.Tests.Pages;

public sealed class TrainingWindowTests
{
    private static long Ms(string utc) => DateTimeOffset.Parse(utc + "Z").ToUnixTimeMilliseconds();

    [Fact]
    public void TheManifestsWindow_CoversItsFirstAndLastDayWhole()
    {
        var window = TrainingWindow.Parse("2017-01-02 – 2017-03-31")!;

        Assert.True(window.Contains(Ms("2017-01-02T00:00:00")));
        Assert.True(window.Contains(Ms("2017-03-31T23:59:00")));
        Assert.False(window.Contains(Ms("2017-04-03T00:00:00"))); // the held-out month
        Assert.False(window.Contains(Ms("2017-01-01T23:59:00")));
        Assert.Equal("2017-01-02 – 2017-03-31", window.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2017-01-02")]
    [InlineData("2017-03-31 – 2017-01-02")]
    [InlineData("yesterday – today")]
    public void AnythingElse_IsNoWindow(string? text) => Assert.Null(TrainingWindow.Parse(text));
}
