using Plan2.Core.MarketData;
using Plan2.Ml.Tests.Serving;
using Plan2.Ml.Training.Data;
using Plan2.Ml.Training.Lstm;
using Plan2.Ml.Training.MlNet;
using Plan2.Ml.Training.Pipeline;
using Plan2.Ml.Training.Transformer;

namespace Plan2.Ml.Tests.Pipeline;

/// <summary>Training is a function of its data and settings: the same slice trained twice gives the same bytes.</summary>
public class ReproducibleTrainingTests
{
    [Fact]
    public async Task TrainingTheSameSliceTwice_WritesIdenticalModelFiles()
    {
        var file = SharedData.File("eurusd-m1-2017/DAT_ASCII_EURUSD_M1_201701.csv");
        var bars = (await BarLoader.LoadAsync(file, null, "EURUSD", Timeframe.M1, TimeProvider.System))["EURUSD"].Take(4_000).ToList();
        var rows = new TrainingRows([LabelledSeries.Build("EURUSD", bars, 5)]);
        var first = Path.Combine(Path.GetTempPath(), "plan2-repro-" + Guid.NewGuid().ToString("N"));
        var second = first + "-again";
        try
        {
            var a = Train(rows, first);
            var b = Train(rows, second);
            Assert.Equal(Trainers().Count, a.Models.Count);
            foreach (var entry in a.Models)
            {
                var once = await File.ReadAllBytesAsync(Path.Combine(first, entry.File));
                var twice = await File.ReadAllBytesAsync(Path.Combine(second, entry.File));
                Assert.True(once.SequenceEqual(twice), $"{entry.File} differs between two identical runs");
                Assert.Equal(entry.Sha256, b.Models.Single(m => m.Name == entry.Name).Sha256);
            }
            Assert.Equal(a.Ensemble.Weights, b.Ensemble.Weights);
            Assert.Equal(a.Ensemble.Bias, b.Ensemble.Bias);
        }
        finally
        {
            foreach (var dir in new[] { first, second })
                if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    private static ModelManifest Train(TrainingRows rows, string outDir) =>
        new TrainingPipeline(Trainers(), new TrainingSettings(Timeframe.M1, 5), new Progress<string>()).Run(rows, outDir, "slice").Manifest;

    /// <summary>Every member kind, the sequence models cut to one short epoch so the test stays fast.</summary>
    private static IReadOnlyList<IMemberTrainer> Trainers() =>
    [
        new MlNetMemberTrainer(MlNetTreeTrainer.LightGbm),
        new XgboostMemberTrainer(),
        new MlNetMemberTrainer(MlNetTreeTrainer.RandomForest),
        new LstmMemberTrainer(new LstmOptions { Hidden = 4, MaxEpochs = 1, MaxTrainRows = 1_500 }),
        new TransformerMemberTrainer(new TransformerOptions { ModelDim = 4, FeedForward = 8, MaxEpochs = 1, MaxTrainRows = 1_500 }),
    ];
}
