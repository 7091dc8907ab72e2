using Plan2.Ml.Serving;

namespace Plan2.Ml.Tests.Serving;

public class TrainingWindowTests
{
    private static readonly ModelManifest Shipped = ModelManifest.Load(Repo.Models);

    private static long Ms(string utc) => DateTimeOffset.Parse(utc + "Z").ToUnixTimeMilliseconds();

    [Fact]
    public void TheShippedModels_TrainedOnTheirFirstAndLastDayWhole_NotTheHeldOutMonth()
    {
        Assert.Equal("2017-01-02 – 2017-03-31", TrainingWindow.Describe(Shipped));
        Assert.True(TrainingWindow.TrainedOn(Shipped, Ms("2017-01-02T00:00:00")));
        Assert.True(TrainingWindow.TrainedOn(Shipped, Ms("2017-03-31T23:59:00")));
        Assert.False(TrainingWindow.TrainedOn(Shipped, Ms("2017-04-03T00:00:00"))); // the held-out month
        Assert.False(TrainingWindow.TrainedOn(Shipped, Ms("2017-01-01T23:59:00")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2017-01-02")]
    [InlineData("2017-03-31 – 2017-01-02")]
    [InlineData("yesterday – today")]
    public void AnythingElse_IsNoWindow(string? text) => Assert.Null(TrainingWindow.Days(text));
}
