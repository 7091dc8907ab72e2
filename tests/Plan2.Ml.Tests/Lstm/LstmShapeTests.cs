using Plan2.Ml.Training;
using Plan2.Ml.Training.Lstm;

namespace Plan2.Ml.Tests.Lstm;

public class LstmShapeTests
{
    private static readonly LstmOptions Quick = new() { Hidden = 2, MaxEpochs = 1 };

    private static void ThrowsMentioning(string text, Action act)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(act);
        Assert.Contains(text, ex.Message);
    }

    [Fact]
    public void Train_rejects_validation_with_other_window_shape()
    {
        var train = LstmTestData.Noise(20, 4, 3, seed: 1);
        ThrowsMentioning("expected 4 x 3", () => LstmTrainer.Train(train, LstmTestData.Noise(20, 4, 2, seed: 2), Quick));
        ThrowsMentioning("expected 4 x 3", () => LstmTrainer.Train(train, LstmTestData.Noise(20, 5, 3, seed: 2), Quick));
    }

    [Fact]
    public void Train_rejects_inconsistent_arrays_and_labels()
    {
        var good = LstmTestData.Noise(20, 4, 3, seed: 1);
        ThrowsMentioning("X has 239 values", () => LstmTrainer.Train(good with { X = new float[239] }, good, Quick));
        ThrowsMentioning("Y has 19 labels", () => LstmTrainer.Train(good, good with { Y = new float[19] }, Quick));
        var halves = (float[])good.Y.Clone();
        halves[3] = 0.5f;
        ThrowsMentioning("labels must be 0 or 1", () => LstmTrainer.Train(good with { Y = halves }, good, Quick));
        ThrowsMentioning("BatchSize", () => LstmTrainer.Train(good, good, Quick with { BatchSize = 0 }));
    }

    [Fact]
    public void Predict_rejects_windows_the_model_was_not_trained_on()
    {
        var model = new LstmModel(new LstmNetwork(3, 2), 4, new float[3], [1f, 1f, 1f]);
        ThrowsMentioning("model takes 4 x 3", () => model.Predict(LstmTestData.Noise(5, 5, 3, seed: 1)));
        ThrowsMentioning("model takes 4 x 3", () => model.Predict(LstmTestData.Noise(5, 4, 2, seed: 1)));
        Assert.Equal(5, model.Predict(LstmTestData.Noise(5, 4, 3, seed: 1)).Length);
    }

    [Fact]
    public void Network_rejects_mismatched_buffers()
    {
        var net = new LstmNetwork(3, 2);
        ThrowsMentioning("need 24", () => net.LossAndGradient(new double[23], new double[2], 2, 4, null));
        ThrowsMentioning("2 rows", () => net.LossAndGradient(new double[24], new double[3], 2, 4, null));
        ThrowsMentioning("parameters", () => net.LossAndGradient(new double[24], new double[2], 2, 4, new double[5]));
        ThrowsMentioning("parameters", () => LstmNetwork.FromParameters(3, 2, new double[5]));
        ThrowsMentioning("scales for 3 features", () => new LstmModel(net, 4, new float[2], new float[3]));
    }
}
