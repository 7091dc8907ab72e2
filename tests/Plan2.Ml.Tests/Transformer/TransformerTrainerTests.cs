using Plan2.Ml.Tests.Lstm;
using Plan2.Ml.Training.Transformer;

namespace Plan2.Ml.Tests.Transformer;

public class TransformerTrainerTests
{
    [Fact]
    public void Learns_the_sign_of_a_feature_summed_over_the_window()
    {
        var train = LstmTestData.SumSign(3000, 8, 3, seed: 1);
        var validation = LstmTestData.SumSign(800, 8, 3, seed: 2);
        var options = new TransformerOptions { ModelDim = 8, FeedForward = 16, BatchSize = 64, LearningRate = 1e-2, MaxEpochs = 10, Patience = 3 };

        var model = TransformerTrainer.Train(train, validation, options);

        var p = model.Predict(validation);
        Assert.True(LstmTestData.Accuracy(p, validation.Y) > 0.85, $"validation accuracy {LstmTestData.Accuracy(p, validation.Y):F3} (chance 0.5)");
        Assert.True(LstmTestData.LogLoss(p, validation.Y) < 0.4, $"validation log loss {LstmTestData.LogLoss(p, validation.Y):F4}");
    }

    [Fact]
    public void Same_seed_gives_identical_models_whatever_the_thread_count()
    {
        var train = LstmTestData.SumSign(600, 5, 2, seed: 5);
        var validation = LstmTestData.SumSign(200, 5, 2, seed: 6);
        var options = new TransformerOptions { ModelDim = 4, FeedForward = 8, BatchSize = 50, MaxEpochs = 2, Seed = 9 };

        var one = TransformerTrainer.Train(train, validation, options with { MaxThreads = 1 });
        var two = TransformerTrainer.Train(train, validation, options with { MaxThreads = 2 });
        var otherSeed = TransformerTrainer.Train(train, validation, options with { Seed = 10 });

        Assert.Equal(one.Network.Parameters, two.Network.Parameters);
        Assert.Equal(one.ToOnnx(), two.ToOnnx());
        Assert.NotEqual(one.Network.Parameters, otherSeed.Network.Parameters);
    }
}
