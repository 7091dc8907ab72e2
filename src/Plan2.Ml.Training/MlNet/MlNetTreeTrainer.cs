using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Plan2.Ml.Training.MlNet;

/// <summary>
/// ML.NET's LightGBM and random forest (FastForest with a Platt calibrator: the forest alone gives
/// no probability), trained on our rows and exported to ONNX with ML.NET's converter from a view
/// that holds only the features (every column of the export view would become an ONNX input).
/// </summary>
public sealed class MlNetTreeTrainer(string kind, int seed = 7)
{
    public const string LightGbm = "lightgbm";
    public const string RandomForest = "random_forest";

    public MlNetTreeModel Train(TabularData train, IProgress<string>? progress = null)
    {
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(Rows(train), SchemaFor(train.Features, withLabel: true));
        IEstimator<ITransformer> estimator = kind switch
        {
            // Weak signal: few shallow trees, large leaves, strong regularisation (ML-NOTES: 50–80 rounds did best).
            LightGbm => ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                NumberOfIterations = 80, LearningRate = 0.05, NumberOfLeaves = 15, MinimumExampleCountPerLeaf = 200,
                Seed = seed, NumberOfThreads = 2, Verbose = false, Silent = true,
                Booster = new GradientBooster.Options { L2Regularization = 1, SubsampleFraction = 0.8, FeatureFraction = 0.8, SubsampleFrequency = 1 },
            }),
            RandomForest => ml.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options
            {
                NumberOfTrees = 100, NumberOfLeaves = 16, MinimumExampleCountPerLeaf = 200, FeatureFraction = 0.7,
                Seed = seed, NumberOfThreads = 2,
            }).Append(ml.BinaryClassification.Calibrators.Platt()),
            _ => throw new ArgumentException($"Unknown ML.NET tree kind '{kind}'.", nameof(kind)),
        };
        progress?.Report($"{kind}: training on {train.Rows:N0} rows");
        var model = estimator.Fit(data);
        return new MlNetTreeModel(kind, ml, model, train.Features);
    }

    internal static SchemaDefinition SchemaFor(int features, bool withLabel)
    {
        var schema = SchemaDefinition.Create(withLabel ? typeof(LabelledRow) : typeof(FeatureRow));
        schema["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
        return schema;
    }

    private static IEnumerable<LabelledRow> Rows(TabularData data)
    {
        for (var i = 0; i < data.Rows; i++)
            if (float.IsFinite(data.Y[i]))
                yield return new LabelledRow { Features = data.Row(i).ToArray(), Label = data.Y[i] > 0.5f };
    }

    internal sealed class LabelledRow
    {
        public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    internal sealed class FeatureRow
    {
        public float[] Features { get; set; } = [];
    }
}

/// <summary>A trained ML.NET model: native predictions, and its ONNX form.</summary>
public sealed class MlNetTreeModel(string kind, MLContext ml, ITransformer model, int features)
{
    public const string InputName = "Features";
    public const string OutputName = "Probability.output";

    public string Kind { get; } = kind;

    /// <summary>P(up) per row, by ML.NET itself (the reference the ONNX export is tested against).</summary>
    public float[] Predict(TabularData data)
    {
        var view = ml.Data.LoadFromEnumerable(FeatureRows(data), MlNetTreeTrainer.SchemaFor(features, withLabel: false));
        var scored = model.Transform(view);
        return scored.GetColumn<float>("Probability").ToArray();
    }

    public byte[] ToOnnx()
    {
        var view = ml.Data.LoadFromEnumerable(new[] { new MlNetTreeTrainer.FeatureRow { Features = new float[features] } },
            MlNetTreeTrainer.SchemaFor(features, withLabel: false));
        using var stream = new MemoryStream();
        ml.Model.ConvertToOnnx(model, view, stream);
        return stream.ToArray();
    }

    private static IEnumerable<MlNetTreeTrainer.FeatureRow> FeatureRows(TabularData data)
    {
        for (var i = 0; i < data.Rows; i++)
            yield return new MlNetTreeTrainer.FeatureRow { Features = data.Row(i).ToArray() };
    }
}
