using Plan2.Ml.Training.Data;
using Plan2.Ml.Training.MlNet;

namespace Plan2.Ml.Training.Pipeline;

/// <summary>A trained ensemble member: native predictions (the reference), its ONNX form and how to feed it.</summary>
public interface IMemberModel
{
    string Kind { get; }
    string InputName { get; }
    string OutputName { get; }
    int WindowSteps { get; }
    float[]? InputMean { get; }
    float[]? InputStd { get; }
    IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>P(up) for rows [from, to) by the trained model itself.</summary>
    float[] Predict(TrainingRows rows, int from, int to);

    byte[] ToOnnx();
}

/// <summary>Trains one kind of member on rows [0, trainEnd) of the time-sorted rows.</summary>
public interface IMemberTrainer
{
    string Kind { get; }
    IMemberModel Train(TrainingRows rows, int trainEnd, IProgress<string>? progress);
}

/// <summary>LightGBM and random forest through ML.NET, on the features <paramref name="mask"/> leaves them (by default the scale-free ones).</summary>
public sealed class MlNetMemberTrainer(string kind, FeatureMask? mask = null) : IMemberTrainer
{
    private readonly FeatureMask _mask = mask ?? FeatureMask.VolatilityScaled;
    public string Kind => kind;

    public IMemberModel Train(TrainingRows rows, int trainEnd, IProgress<string>? progress) =>
        new Model(new MlNetTreeTrainer(kind).Train(_mask.Apply(rows.Table(0, trainEnd)), progress), _mask);

    private sealed class Model(MlNetTreeModel model, FeatureMask mask) : IMemberModel
    {
        public string Kind => model.Kind;
        public string InputName => MlNetTreeModel.InputName;
        public string OutputName => MlNetTreeModel.OutputName;
        public int WindowSteps => 1;
        public float[]? InputMean => null;
        public float[]? InputStd => null;
        public IReadOnlyDictionary<string, string> Parameters => model.Kind == MlNetTreeTrainer.LightGbm
            ? new Dictionary<string, string> { ["trees"] = "80", ["learning_rate"] = "0.05", ["leaves"] = "15", ["min_leaf"] = "200", ["features"] = mask.Describe() }
            : new Dictionary<string, string> { ["trees"] = "100", ["leaves"] = "16", ["min_leaf"] = "200", ["calibration"] = "Platt", ["features"] = mask.Describe() };
        public float[] Predict(TrainingRows rows, int from, int to) => model.Predict(rows.Table(from, to));
        public byte[] ToOnnx() => model.ToOnnx();
    }
}
