using Plan2.Ml.Training.Data;
using Plan2.Ml.Training.Transformer;

namespace Plan2.Ml.Training.Pipeline;

/// <summary>
/// The fifth member: our small Transformer encoder over the same 30-step feature windows as the LSTM
/// (scaled inside the network the same way, so windows reach it raw with missing values as 0).
/// </summary>
public sealed class TransformerMemberTrainer(TransformerOptions? options = null) : IMemberTrainer
{
    public const string KindName = "transformer";
    /// <summary>What <c>plan2 train</c> uses: width 16, one head, on the most recent 60k windows, stronger decay than the LSTM's.</summary>
    public static readonly TransformerOptions Shipped = new()
    {
        ModelDim = 16, FeedForward = 32, LearningRate = 5e-4, WeightDecay = 1e-2, MaxEpochs = 5, Patience = 2, MaxTrainRows = 60_000,
        Ignored = FeatureMask.VolatilityScaled,
    };
    public string Kind => KindName;

    public IMemberModel Train(TrainingRows rows, int trainEnd, IProgress<string>? progress)
    {
        var split = EarlyStopSplit.At(trainEnd);
        var model = TransformerTrainer.Train(TrainingRows.Labelled(Windows(rows, 0, split)), TrainingRows.Labelled(Windows(rows, split, trainEnd)), options ?? Shipped, progress);
        return new SequenceMember<TransformerNetwork, TransformerWorkspace>(model, KindName, new Dictionary<string, string>
        {
            ["d_model"] = model.Network.ModelDim.ToString(), ["heads"] = "1", ["layers"] = "1", ["feed_forward"] = model.Network.FeedForward.ToString(),
            ["pooling"] = "last step", ["positions"] = "sinusoidal", ["steps"] = LstmMemberTrainer.Steps.ToString(), ["best_epoch"] = model.BestEpoch.ToString(),
            ["trainer"] = "ours: backpropagation + AdamW, early stopping on the last 15 % of the training rows",
            ["features"] = (options ?? Shipped).Ignored.Describe(),
        });
    }

    private static SequenceData Windows(TrainingRows rows, int from, int to) =>
        SequenceMember<TransformerNetwork, TransformerWorkspace>.Windows(rows, from, to);
}
