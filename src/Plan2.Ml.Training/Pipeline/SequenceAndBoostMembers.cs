using Plan2.Ml.Training.Data;
using Plan2.Ml.Training.Lstm;
using Plan2.Ml.Training.Xgboost;

namespace Plan2.Ml.Training.Pipeline;

/// <summary>Early stopping needs data the member is not fitted on: the last 15 % of its training rows (in time).</summary>
internal static class EarlyStopSplit
{
    public static int At(int trainEnd) => (int)(trainEnd * 0.85);
}

/// <summary>XGBoost (Debian's libxgboost), trees written to ONNX by us, on the features <paramref name="mask"/> leaves it (by default the scale-free ones).</summary>
public sealed class XgboostMemberTrainer(FeatureMask? mask = null) : IMemberTrainer
{
    public const string KindName = "xgboost";
    private readonly FeatureMask _mask = mask ?? FeatureMask.VolatilityScaled;
    public string Kind => KindName;

    public IMemberModel Train(TrainingRows rows, int trainEnd, IProgress<string>? progress)
    {
        var split = EarlyStopSplit.At(trainEnd);
        var model = new XgboostTrainer().Train(TrainingRows.Labelled(_mask.Apply(rows.Table(0, split))), TrainingRows.Labelled(_mask.Apply(rows.Table(split, trainEnd))), new XgboostOptions(), progress);
        return new Model(model, _mask);
    }

    private sealed class Model(XgboostModel model, FeatureMask mask) : IMemberModel
    {
        public string Kind => KindName;
        public string InputName => "features";
        public string OutputName => "p_up";
        public int WindowSteps => 1;
        public float[]? InputMean => null;
        public float[]? InputStd => null;
        public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
        {
            ["rounds"] = model.Rounds.ToString(), ["max_depth"] = "4", ["eta"] = "0.05", ["min_child_weight"] = "50",
            ["early_stopping"] = "20 rounds on the last 15 % of the training rows", ["features"] = mask.Describe(),
        };
        public float[] Predict(TrainingRows rows, int from, int to) => model.PredictNative(rows.Table(from, to));
        public byte[] ToOnnx() => model.ToOnnx();
    }
}

/// <summary>
/// Our own LSTM (no libtorch on this machine, ML-NOTES): windows of 30 feature vectors; the network
/// standardises internally, so windows reach it raw with missing values as 0.
/// </summary>
public sealed class LstmMemberTrainer(LstmOptions? options = null) : IMemberTrainer
{
    /// <summary>What <c>plan2 train</c> uses: a few epochs on the most recent 60k windows.</summary>
    public static readonly LstmOptions Shipped = new() { MaxEpochs = 6, Patience = 2, MaxTrainRows = 60_000, Ignored = FeatureMask.VolatilityScaled };
    public const string KindName = "lstm";
    public const int Steps = SequenceMember<LstmNetwork, LstmWorkspace>.Steps;
    public string Kind => KindName;

    public IMemberModel Train(TrainingRows rows, int trainEnd, IProgress<string>? progress)
    {
        var split = EarlyStopSplit.At(trainEnd);
        var model = LstmTrainer.Train(TrainingRows.Labelled(Windows(rows, 0, split)), TrainingRows.Labelled(Windows(rows, split, trainEnd)), options ?? Shipped, progress);
        return new SequenceMember<LstmNetwork, LstmWorkspace>(model, KindName, new Dictionary<string, string>
        {
            ["hidden"] = model.Hidden.ToString(), ["steps"] = Steps.ToString(), ["best_epoch"] = model.BestEpoch.ToString(),
            ["trainer"] = "ours: BPTT + AdamW, early stopping on the last 15 % of the training rows",
            ["features"] = (options ?? Shipped).Ignored.Describe(),
        });
    }

    private static SequenceData Windows(TrainingRows rows, int from, int to) => SequenceMember<LstmNetwork, LstmWorkspace>.Windows(rows, from, to);
}
