using System.Globalization;
using System.Text.Json;
using Onnx;
using Plan2.Ml.Training.Onnx;
using static Plan2.Ml.Training.Onnx.OnnxAttributes;

namespace Plan2.Ml.Training.Xgboost;

/// <summary>
/// Writes a binary:logistic gbtree from libxgboost's JSON as ai.onnx.ml TreeEnsembleRegressor (margin)
/// followed by Sigmoid, so ONNX Runtime reproduces <c>XGBoosterPredict</c>.
/// </summary>
internal static class XgboostOnnxExporter
{
    public const string InputName = "features";
    public const string OutputName = "p_up";

    public static byte[] Export(byte[] modelJson)
    {
        using var doc = JsonDocument.Parse(modelJson);
        var learner = doc.RootElement.GetProperty("learner");
        var param = learner.GetProperty("learner_model_param");
        var objective = learner.GetProperty("objective").GetProperty("name").GetString();
        if (objective != "binary:logistic")
            throw new NotSupportedException($"Only binary:logistic is exported, not {objective}.");
        var booster = learner.GetProperty("gradient_booster");
        if (booster.GetProperty("name").GetString() != "gbtree")
            throw new NotSupportedException($"Only gbtree is exported, not {booster.GetProperty("name")}.");

        var features = int.Parse(param.GetProperty("num_feature").GetString()!, CultureInfo.InvariantCulture);
        // A string in the JSON (e.g. "5E-1"); libxgboost starts every row's margin at logit(base_score).
        var baseScore = double.Parse(param.GetProperty("base_score").GetString()!, CultureInfo.InvariantCulture);
        var baseMargin = (float)Math.Log(baseScore / (1 - baseScore));

        var nodes = new TreeNodes();
        var t = 0;
        foreach (var tree in booster.GetProperty("model").GetProperty("trees").EnumerateArray())
            nodes.AddTree(t++, tree);

        return new OnnxGraphBuilder("xgboost")
            .Input(InputName, TensorProto.Types.DataType.Float, "N", features)
            .Node("TreeEnsembleRegressor", [InputName], ["margin"], OnnxGraphBuilder.MlDomain,
                [.. nodes.Attributes(), Int("n_targets", 1), Floats("base_values", [baseMargin]),
                 String("aggregate_function", "SUM"), String("post_transform", "NONE")])
            .Node("Sigmoid", ["margin"], [OutputName])
            .Output(OutputName, TensorProto.Types.DataType.Float, "N", 1)
            .ToBytes(opset: 17, mlOpset: 3);
    }

    /// <summary>The flat node and leaf lists TreeEnsembleRegressor takes, accumulated tree by tree.</summary>
    private sealed class TreeNodes
    {
        private readonly List<long> treeIds = [], nodeIds = [], featureIds = [], trueIds = [], falseIds = [], missingTrue = [];
        private readonly List<float> values = [];
        private readonly List<string> modes = [];
        private readonly List<long> leafTreeIds = [], leafNodeIds = [];
        private readonly List<float> leafWeights = [];

        public void AddTree(int treeId, JsonElement tree)
        {
            var left = Ints(tree, "left_children");
            var right = Ints(tree, "right_children");
            var feature = Ints(tree, "split_indices");
            var defaultLeft = Ints(tree, "default_left");
            var condition = tree.GetProperty("split_conditions").EnumerateArray().Select(e => e.GetSingle()).ToArray();
            if (tree.TryGetProperty("split_type", out var types) && types.EnumerateArray().Any(e => e.GetInt32() != 0))
                throw new NotSupportedException("Categorical splits are not exported.");

            // Walk from the root so nodes pruned away (unreachable) are left out.
            var pending = new Stack<int>([0]);
            while (pending.Count > 0)
            {
                var n = pending.Pop();
                treeIds.Add(treeId);
                nodeIds.Add(n);
                if (left[n] == -1)
                {
                    // For a leaf, split_conditions holds its weight, learning rate already applied.
                    Add(mode: "LEAF", feature: 0, value: 0, whenTrue: 0, whenFalse: 0, missingGoesTrue: 0);
                    leafTreeIds.Add(treeId);
                    leafNodeIds.Add(n);
                    leafWeights.Add(condition[n]);
                    continue;
                }
                // libxgboost goes left when x < condition, and left for a missing x only when default_left.
                Add("BRANCH_LT", feature[n], condition[n], left[n], right[n], defaultLeft[n]);
                pending.Push((int)right[n]);
                pending.Push((int)left[n]);
            }
        }

        private void Add(string mode, long feature, float value, long whenTrue, long whenFalse, long missingGoesTrue)
        {
            modes.Add(mode);
            featureIds.Add(feature);
            values.Add(value);
            trueIds.Add(whenTrue);
            falseIds.Add(whenFalse);
            missingTrue.Add(missingGoesTrue);
        }

        public IEnumerable<AttributeProto> Attributes() =>
        [
            OnnxAttributes.Ints("nodes_treeids", treeIds), OnnxAttributes.Ints("nodes_nodeids", nodeIds),
            OnnxAttributes.Ints("nodes_featureids", featureIds), Floats("nodes_values", values), Strings("nodes_modes", modes),
            OnnxAttributes.Ints("nodes_truenodeids", trueIds), OnnxAttributes.Ints("nodes_falsenodeids", falseIds),
            OnnxAttributes.Ints("nodes_missing_value_tracks_true", missingTrue),
            OnnxAttributes.Ints("target_treeids", leafTreeIds), OnnxAttributes.Ints("target_nodeids", leafNodeIds),
            OnnxAttributes.Ints("target_ids", leafTreeIds.Select(_ => 0L)), Floats("target_weights", leafWeights),
        ];

        // default_left is 0/1 in 1.7.4 and true/false in later versions; accept both.
        private static long[] Ints(JsonElement tree, string name) =>
            tree.GetProperty(name).EnumerateArray()
                .Select(e => e.ValueKind switch
                {
                    JsonValueKind.True => 1L,
                    JsonValueKind.False => 0L,
                    _ => e.GetInt64(),
                })
                .ToArray();
    }
}
