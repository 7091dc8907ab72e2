using Plan2.Ml;
using Plan2.Ml.Training.Pipeline;

namespace Plan2.Ml.Tests.Pipeline;

public class EvaluatorTests
{
    [Fact]
    public void CheckSchema_RefusesModelsOfAnotherFeatureSchema()
    {
        var manifest = new ModelManifest
        {
            FeatureSchemaHash = "0123456789abcdef", FeatureSchemaVersion = 0, Features = ["x"], Timeframe = "M1", HorizonBars = 5,
            Classes = ["down", "up"], Models = [],
            Ensemble = new EnsembleSpec { Method = "none", Bias = 0, Weights = [], Validation = new Metrics(0, 0, 0, 0, 0) },
        };

        var e = Assert.Throws<InvalidDataException>(() => Evaluator.CheckSchema(manifest));
        Assert.Contains("0123456789abcdef", e.Message);
    }
}
