using Plan2.Ml.Training;
using Plan2.Ml.Training.Lstm;

namespace Plan2.Ml.Tests.Lstm;

public class LstmTrainerTests
{
    [Fact]
    public void Learns_the_sign_of_a_feature_summed_over_the_window()
    {
        var train = LstmTestData.SumSign(4000, 10, 3, seed: 1);
        var validation = LstmTestData.SumSign(1000, 10, 3, seed: 2);
        var options = new LstmOptions { Hidden = 8, BatchSize = 64, LearningRate = 1e-2, MaxEpochs = 12, Patience = 3 };
        var log = new List<string>();

        var model = LstmTrainer.Train(train, validation, options, new SyncProgress(log));

        float[] p = model.Predict(validation);
        double accuracy = LstmTestData.Accuracy(p, validation.Y);
        double logLoss = LstmTestData.LogLoss(p, validation.Y);
        Assert.True(accuracy > 0.85, $"validation accuracy {accuracy:F3} (chance 0.5); {string.Join(" | ", log)}");
        Assert.True(logLoss < 0.4, $"validation log loss {logLoss:F4} (chance 0.693)");
        Assert.Equal(model.History.Count, log.Count);
    }

    [Fact]
    public void Early_stopping_returns_the_best_epoch_not_the_last()
    {
        // A real signal under 20% label noise and only 300 rows: validation improves for a few epochs, then the
        // network memorises the noise and validation loss rises.
        var train = LstmTestData.SumSign(300, 6, 4, seed: 3, flipRate: 0.2);
        var validation = LstmTestData.SumSign(400, 6, 4, seed: 4, flipRate: 0.2);
        var options = new LstmOptions { Hidden = 16, BatchSize = 16, LearningRate = 5e-3, WeightDecay = 0, MaxEpochs = 40, Patience = 3 };

        var model = LstmTrainer.Train(train, validation, options, null);

        var history = model.History;
        Assert.Equal(model.BestEpoch + options.Patience, history.Count); // stopped by patience, not by MaxEpochs
        Assert.True(model.BestEpoch > 1, "the best epoch should come after some learning, not be the first");
        double bestLoss = history[model.BestEpoch - 1].ValidationLogLoss;
        Assert.Equal(history.Min(e => e.ValidationLogLoss), bestLoss);
        double modelLoss = LstmTestData.LogLoss(model.Predict(validation), validation.Y);
        Assert.Equal(bestLoss, modelLoss, 1e-5);
        Assert.True(history[^1].ValidationLogLoss - modelLoss > 1e-3,
            $"last epoch {history[^1].ValidationLogLoss:F5} vs kept {modelLoss:F5}: the test did not overfit enough to tell them apart");
    }

    [Fact]
    public void Same_seed_gives_identical_models_whatever_the_thread_count()
    {
        var train = LstmTestData.SumSign(700, 5, 2, seed: 5);
        var validation = LstmTestData.SumSign(200, 5, 2, seed: 6);
        var options = new LstmOptions { Hidden = 4, BatchSize = 50, MaxEpochs = 2, Seed = 9 };

        var one = LstmTrainer.Train(train, validation, options with { MaxThreads = 1 }, null);
        var two = LstmTrainer.Train(train, validation, options with { MaxThreads = 2 }, null);
        var otherSeed = LstmTrainer.Train(train, validation, options with { Seed = 10 }, null);

        Assert.Equal(one.Network.Parameters, two.Network.Parameters);
        Assert.Equal(one.Predict(validation), two.Predict(validation));
        Assert.NotEqual(one.Network.Parameters, otherSeed.Network.Parameters);
    }

    [Fact]
    public void MaxTrainRows_keeps_the_most_recent_rows()
    {
        // Feature 0 is 0 in the older half and 10 in the newer half; the fitted mean tells which rows were used.
        var train = LstmTestData.Noise(200, 3, 2, seed: 7);
        for (int r = 0; r < 200; r++)
            for (int t = 0; t < 3; t++) train.X[(r * 3 + t) * 2] = r < 100 ? 0f : 10f;
        var validation = LstmTestData.Noise(50, 3, 2, seed: 8);

        var model = LstmTrainer.Train(train, validation, new LstmOptions { Hidden = 2, MaxEpochs = 1, MaxTrainRows = 100 }, null);

        Assert.Equal(10f, model.FeatureMean[0]);
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; the tests want the messages in order, now.</summary>
    private sealed class SyncProgress(List<string> log) : IProgress<string>
    {
        public void Report(string value) => log.Add(value);
    }
}
