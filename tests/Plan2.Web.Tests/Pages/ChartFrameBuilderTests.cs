using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Predictions;
using Plan2.Web.Services.Charts;

namespace Plan2.Web.Tests.Pages;

public sealed class ChartFrameBuilderTests
{
    [Fact]
    public void Build_OrdersBars_SendsWarmUpAsGaps_AndDrawsOnlyTheChosenOverlaysAndPanes()
    {
        var bars = Bars.M1(1.05m, 1.06m, 1.07m);
        bars.Reverse(); // the grain's order is not the chart's
        var settings = new ChartSettings("EURUSD", "M1", [ChartSettings.Sma], [ChartSettings.Rsi]);

        var frame = ChartFrameBuilder.Build("EURUSD", settings, bars, [], new QuoteView("EURUSD", 0, 1.0701m, 1.0702m), 5, dark: false);

        Assert.Equal(["2017-01-02T07:00:00", "2017-01-02T07:01:00", "2017-01-02T07:02:00"], frame.Times);
        Assert.Equal([1.05m, 1.06m, 1.07m], frame.Close);
        var sma = Assert.Single(frame.Overlays);
        Assert.Equal([null, null, 1.05], sma.Values); // NaN while warming up never reaches JSON
        Assert.Equal(ChartSettings.Rsi, Assert.Single(frame.Panes).Name);
        Assert.Equal(1.0701m, frame.LastBid);
        Assert.Equal(".5f", frame.PriceFormat);
    }

    [Fact]
    public void Build_MarksEachCallOnItsBar_TheNewestAsLatest_AndPatternsWithTheirReliability()
    {
        var bars = Bars.M1(1.05m, 1.06m, 1.07m);
        PredictionView[] predictions =
        [
            Bars.Prediction(bars[2].OpenTimeUnixMs, -1, 0.4, new PatternView("hammer", +1, 0.58, 12)),
            Bars.Prediction(bars[1].OpenTimeUnixMs, +1),
        ];

        var frame = ChartFrameBuilder.Build("EURUSD", new ChartSettings("EURUSD"), bars, predictions, null, 5, dark: true);

        Assert.Equal(2, frame.Predictions.Count);
        var latest = Assert.Single(frame.Predictions, p => p.Latest);
        Assert.Equal(("2017-01-02T07:02:00", false, bars[2].Low), (latest.Time, latest.Up, latest.Price)); // a down call sits below its bar
        var pattern = Assert.Single(frame.Patterns);
        Assert.Equal("hammer", pattern.Label);
        Assert.Matches(@"held 58\s?% of 12", pattern.Text);
    }

    [Fact]
    public void Build_OnAnotherTimeframe_ShowsOnlyTheLatestCall_AtTheLastBar()
    {
        var h1 = Bars.M1(1.05m, 1.06m).Select((b, i) => b with { Timeframe = "H1", OpenTimeUnixMs = Bars.Start + i * 3_600_000L }).ToList();
        PredictionView[] predictions = [Bars.Prediction(Bars.Start + 3_600_000L + 60_000, +1), Bars.Prediction(Bars.Start, -1)];

        var frame = ChartFrameBuilder.Build("EURUSD", new ChartSettings("EURUSD", "H1"), h1, predictions, null, 5, dark: false);

        var mark = Assert.Single(frame.Predictions);
        Assert.True(mark.Latest);
        Assert.Equal("2017-01-02T08:00:00", mark.Time);
        Assert.Empty(frame.Patterns);
    }
}
