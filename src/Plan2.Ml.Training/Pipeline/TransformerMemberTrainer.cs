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
    };
    private static readonly float[] Identity0 = new float[TrainingRows.Features];
    private static readonly float[] Identity1 = Enumerable.Repeat(1f, TrainingRows.Features).ToArray();
    public string Kind => KindName;

    public IMemberModel Train(TrainingRows rows, int trainEnd, IProgress<string>? progress)
    {
        var split = EarlyStopSplit.At(trainEnd);
        var model = TransformerTrainer.Train(TrainingRows.Labelled(Windows(rows, 0, split)), TrainingRows.Labelled(Windows(rows, split, trainEnd)), options ?? Shipped, progress);
        return new Model(model);
    }

    private static SequenceData Windows(TrainingRows rows, int from, int to) => rows.Windows(from, to, LstmMemberTrainer.Steps, Identity0, Identity1);

    private sealed class Model(TransformerModel model) : IMemberModel
    {
        public string Kind => KindName;
        public string InputName => TransformerOnnxExport.InputName;
        public string OutputName => TransformerOnnxExport.OutputName;
        public int WindowSteps => LstmMemberTrainer.Steps;
        public float[]? InputMean => Identity0;
        public float[]? InputStd => Identity1;
        public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
        {
            ["d_model"] = model.Network.ModelDim.ToString(), ["heads"] = "1", ["layers"] = "1", ["feed_forward"] = model.Network.FeedForward.ToString(),
            ["pooling"] = "last step", ["positions"] = "sinusoidal", ["steps"] = LstmMemberTrainer.Steps.ToString(), ["best_epoch"] = model.BestEpoch.ToString(),
            ["trainer"] = "ours: backpropagation + AdamW, early stopping on the last 15 % of the training rows",
        };
        public float[] Predict(TrainingRows rows, int from, int to)
        {
            var windows = Windows(rows, from, to);
            var p = model.Predict(windows);
            for (var i = 0; i < p.Length; i++)
                if (!float.IsFinite(windows.Y[i]) && float.IsFinite(rows.Y[from + i]))
                    p[i] = float.NaN; // too little history in its series for a full window
            return p;
        }
        public byte[] ToOnnx() => model.ToOnnx();
    }
}
