using Plan2.Web.Services.Insights;

namespace Plan2.Web.Tests.Pages;

public sealed class PredictionOutcomesTests
{
    [Fact]
    public void Resolve_ScoresTheCloseFiveBarsLater_AndLeavesUnresolvedAndFlatOnesOpen()
    {
        var bars = Bars.M1(1.0500m, 1.0490m, 1.0500m, 1.0510m, 1.0520m, 1.0530m, 1.0480m, 1.0490m);
        var predictions = new[]
        {
            Bars.Prediction(bars[0].OpenTimeUnixMs, +1), // bar 5 closes 1.0530 > 1.0500: up, right
            Bars.Prediction(bars[1].OpenTimeUnixMs, +1), // bar 6 closes 1.0480 < 1.0490: down, wrong
            Bars.Prediction(bars[2].OpenTimeUnixMs, -1), // bar 7 closes 1.0490 < 1.0500: down, right
            Bars.Prediction(bars[3].OpenTimeUnixMs, +1), // horizon not reached yet
            Bars.Prediction(Bars.Start - 60_000, +1),    // its bar is not at hand
        };

        var resolved = PredictionOutcomes.Resolve(predictions, bars);

        Assert.Equal([true, false, true, null, null], resolved.Select(r => r.Hit));
        Assert.Equal([1, -1, -1, null, null], resolved.Select(r => r.Realised));
    }

    [Fact]
    public void Resolve_DropsATie_AsTrainingDoes()
    {
        var bars = Bars.M1(1.05m, 1.06m, 1.04m, 1.06m, 1.04m, 1.05m);

        var resolved = PredictionOutcomes.Resolve([Bars.Prediction(bars[0].OpenTimeUnixMs, +1)], bars);

        Assert.Null(resolved[0].Hit);
    }

    [Fact]
    public void Calibration_BucketsResolvedCallsByPUp_WithHowOftenThePriceWentUp()
    {
        var bars = Bars.M1(1.05m, 1.05m, 1.05m, 1.05m, 1.05m, 1.06m, 1.04m);
        var resolved = PredictionOutcomes.Resolve(
            [Bars.Prediction(bars[0].OpenTimeUnixMs, +1, 0.62), Bars.Prediction(bars[1].OpenTimeUnixMs, +1, 0.68), Bars.Prediction(bars[2].OpenTimeUnixMs, -1, 0.30)], bars);

        var buckets = PredictionOutcomes.Calibration(resolved);

        var bucket = Assert.Single(buckets); // the third call's horizon has not passed
        Assert.Equal(0.6, bucket.From, 9);
        Assert.Equal(2, bucket.Count);
        Assert.Equal(0.65, bucket.MeanPredicted, 9);
        Assert.Equal(0.5, bucket.ObservedUp, 9); // one went up, one went down
    }
}
