using Plan2.Ml.Training.Xgboost;

namespace Plan2.Ml.Tests.Xgboost;

public sealed class XgboostTrainingTests(SignalModelFixture fixture) : IClassFixture<SignalModelFixture>
{
    [Fact]
    public void Learns_the_signal_better_than_a_constant_on_unseen_rows()
    {
        var baseRate = fixture.Train.Y.Average();
        var constant = SyntheticTabular.LogLoss(Enumerable.Repeat(baseRate, fixture.Test.Rows).ToArray(), fixture.Test.Y);
        var model = SyntheticTabular.LogLoss(fixture.Model.PredictNative(fixture.Test), fixture.Test.Y);
        Assert.True(model < constant - 0.05, $"model {model:F4} vs constant {constant:F4}");
    }

    [Fact]
    public void Stops_early_on_noise_and_keeps_the_best_round()
    {
        var options = new XgboostOptions();
        var validation = SyntheticTabular.Noise(2000, seed: 12);
        var messages = new List<string>();
        using var model = new XgboostTrainer().Train(
            SyntheticTabular.Noise(6000, seed: 11), validation, options, new SyncProgress(messages.Add));

        Assert.True(model.RoundsTrained < options.MaxRounds, $"trained all {model.RoundsTrained} rounds");
        Assert.Equal(model.Rounds + options.EarlyStoppingRounds, model.RoundsTrained);
        // The returned booster is the best round's, not the last one's.
        var kept = SyntheticTabular.LogLoss(model.PredictNative(validation), validation.Y);
        Assert.Equal(model.ValidationLogLoss, kept, 1e-6);
        Assert.Contains(messages, m => m.Contains($"kept {model.Rounds} of {model.RoundsTrained}"));
    }

    [Fact]
    public void Same_seed_gives_the_same_model_and_another_seed_a_different_one()
    {
        var options = new XgboostOptions { MaxRounds = 40 };
        float[] Predict(XgboostOptions o)
        {
            using var m = new XgboostTrainer().Train(fixture.Train, fixture.Validation, o, progress: null);
            return m.PredictNative(fixture.Test);
        }

        var first = Predict(options);
        Assert.Equal(first, Predict(options));
        Assert.NotEqual(first, Predict(options with { Seed = options.Seed + 1 }));
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; the test needs the messages before it asserts.</summary>
    private sealed class SyncProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
