using Plan2.Ml.Training.Pipeline;

namespace Plan2.Ml.Tests.Pipeline;

public class LookAheadCheckTests
{
    [Fact]
    public void Report_FlagsScoresTooGoodForOneMinuteFx()
    {
        var honest = new Metrics(1_000, 0.52, 0.6915, 0.249, 0.05);
        Assert.StartsWith("No score", TrainingReport.LookAheadCheck([("lightgbm", honest)]));
        foreach (var leaky in new[] { honest with { Ic = 0.12 }, honest with { Accuracy = 0.57 }, honest with { LogLoss = 0.68 } })
            Assert.Contains("Look-ahead suspected: xgboost on April", TrainingReport.LookAheadCheck([("lightgbm", honest), ("xgboost on April", leaky)]));
    }
}
