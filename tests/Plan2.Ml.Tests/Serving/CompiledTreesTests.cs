using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;
using Plan2.Core.Features;
using Plan2.Ml.Serving;

namespace Plan2.Ml.Tests.Serving;

/// <summary>The tree models scored in managed code against ONNX Runtime on the same graphs.</summary>
public sealed class CompiledTreesTests : ShippedModelTests
{
    private static float[] Ort(byte[] model, string input, string output, float[] x, int rows, int width)
    {
        using var session = new InferenceSession(model);
        var result = new float[rows];
        for (var r = 0; r < rows; r++) // one row a call: ONNX Runtime then sums the trees in order (a large batch may not)
        {
            using var results = session.Run([NamedOnnxValue.CreateFromTensor(input, new DenseTensor<float>(x.AsMemory(r * width, width), [1, width]))], [output]);
            result[r] = results[0].AsTensor<float>().ToArray()[^1];
        }
        return result;
    }

    [Theory]
    [InlineData("lightgbm")]
    [InlineData("random_forest")]
    [InlineData("xgboost")]
    public void ShippedTrees_SumTheirLeaves_BitForBitAsOnnxRuntime(string kind)
    {
        var entry = Registry.Members.Single(m => m.Entry.Kind == kind).Entry;
        var proto = ModelProto.Parser.ParseFrom(ServedGraph.Prepare(File.ReadAllBytes(Path.Combine(Repo.Models, entry.File)), entry).Model);
        // The graph cut after the tree ensemble: its raw sum as the output.
        var graph = proto.Graph;
        var sum = graph.Node[0].Output[0];
        while (graph.Node.Count > 1)
            graph.Node.RemoveAt(graph.Node.Count - 1);
        graph.Output.Clear();
        graph.Output.Add(Tensor(sum, 1));
        graph.Initializer.Clear();
        var trees = CompiledTrees.TryCompile(graph, sum);
        Assert.NotNull(trees);

        const int count = 300;
        var f = FeatureSchema.Count;
        var x = RandomRows(count, 11, 4, 89);
        var expected = Ort(proto.ToByteArray(), entry.InputName, sum, x, count, f);
        var actual = new float[count];
        trees.Score(x, f, actual);

        for (var i = 0; i < count; i++)
            Assert.True(BitConverter.SingleToInt32Bits(actual[i]) == BitConverter.SingleToInt32Bits(expected[i]), $"row {i}: {actual[i]:R} managed, {expected[i]:R} ONNX Runtime");
        Assert.True(actual.Distinct().Count() > count / 2); // real sums, not one constant
    }

    [Fact]
    public void ShippedTreeModels_AreScoredInManagedCode_WithinAUnitOfTheSigmoidsLastPlace()
    {
        const int count = 300;
        var f = FeatureSchema.Count;
        var x = RandomRows(count, 12, 4, 89);
        foreach (var member in Registry.Members.Where(m => m.Entry.WindowSteps <= 1))
        {
            Assert.True(member.Managed, member.Entry.Name);
            var entry = member.Entry;
            var expected = Ort(ServedGraph.Prepare(File.ReadAllBytes(Path.Combine(Repo.Models, entry.File)), entry).Model, entry.InputName, entry.OutputName, x, count, f);
            var actual = member.Score(x, count, f);
            for (var i = 0; i < count; i++)
                Assert.True(Math.Abs(actual[i] - expected[i]) <= 1.2e-7, $"{entry.Name}, row {i}: {actual[i]:R} managed, {expected[i]:R} ONNX Runtime"); // ONNX Runtime's sigmoid is an approximation
        }
        Assert.False(Registry.Members.Single(m => m.Entry.Kind == "transformer").Managed);
    }

    // Two trees over three columns: a branch on column 0 (to a leaf or to a branch on column 1), and a lone leaf.
    private static ModelProto Handmade(string mode, Action<NodeProto>? change = null)
    {
        var ensemble = new NodeProto { OpType = "TreeEnsembleRegressor", Domain = "ai.onnx.ml", Input = { "x" }, Output = { "sum" } };
        void Ints(string name, params long[] v) => ensemble.Attribute.Add(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints, Ints = { v } });
        void Floats(string name, params float[] v) => ensemble.Attribute.Add(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Floats, Floats = { v } });
        Ints("nodes_treeids", 0, 0, 0, 0, 0, 1);
        Ints("nodes_nodeids", 0, 1, 2, 3, 4, 0);
        Ints("nodes_featureids", 0, 0, 1, 0, 0, 0);
        Floats("nodes_values", 0.5f, 0, -1f, 0, 0, 0);
        ensemble.Attribute.Add(new AttributeProto
        {
            Name = "nodes_modes", Type = AttributeProto.Types.AttributeType.Strings,
            Strings = { new[] { mode, "LEAF", mode, "LEAF", "LEAF", "LEAF" }.Select(ByteString.CopyFromUtf8) },
        });
        Ints("nodes_truenodeids", 1, 0, 3, 0, 0, 0);
        Ints("nodes_falsenodeids", 2, 0, 4, 0, 0, 0);
        Ints("nodes_missing_value_tracks_true", 0, 0, 0, 0, 0, 0);
        Ints("target_treeids", 0, 0, 0, 1);
        Ints("target_nodeids", 1, 3, 4, 0);
        Ints("target_ids", 0, 0, 0, 0);
        Floats("target_weights", 1.25f, -2f, 3f, 0.125f);
        ensemble.Attribute.Add(new AttributeProto { Name = "n_targets", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        Floats("base_values", 0.5f);
        change?.Invoke(ensemble);
        var graph = new GraphProto
        {
            Name = "handmade",
            Node =
            {
                ensemble,
                new NodeProto { OpType = "Mul", Input = { "sum", "two" }, Output = { "scaled" } },
                new NodeProto { OpType = "Add", Input = { "scaled", "shift" }, Output = { "margin" } },
                new NodeProto { OpType = "Sigmoid", Input = { "margin" }, Output = { "p" } },
            },
            Initializer = { Scalar("two", 2f), Scalar("shift", -1f) },
        };
        graph.Input.Add(Tensor("x", 3));
        graph.Output.Add(Tensor("p", 1));
        var model = new ModelProto { IrVersion = 8, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "ai.onnx.ml", Version = 3 });
        return model;
    }

    private static TensorProto Scalar(string name, float value) =>
        new() { Name = name, DataType = (int)TensorProto.Types.DataType.Float, FloatData = { value } };

    private static ValueInfoProto Tensor(string name, int width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "N" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }

    [Theory]
    [InlineData("BRANCH_LEQ")]
    [InlineData("BRANCH_LT")]
    public void HandmadeTrees_TakeBranchesAsOnnxRuntime_AtTheirThresholds_AndForNaN(string mode)
    {
        var model = Handmade(mode);
        var trees = CompiledTrees.TryCompile(model.Graph, "p");
        Assert.NotNull(trees);
        Assert.Equal(2, trees.Trees);
        float[] x =
        [
            0.5f, 0f, 0f,   // at the first threshold: ≤ holds, < fails
            0.4f, 9f, 0f,
            0.6f, -1f, 0f,  // then at the second
            0.6f, -1.5f, 0f,
            0.6f, 2f, 0f,
            float.NaN, 0f, 0f, // NaN fails every comparison (no node sends missing values the other way)
            0.6f, float.NaN, 0f,
            float.NegativeInfinity, 0f, 0f,
        ];
        var rows = x.Length / 3;
        var expected = Ort(model.ToByteArray(), "x", "p", x, rows, 3);
        var actual = new float[rows];
        trees.Score(x, 3, actual);

        for (var i = 0; i < rows; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 1.2e-7, $"{mode}, row {i}: {actual[i]:R} managed, {expected[i]:R} ONNX Runtime");
        Assert.Equal(3, expected.Distinct().Count()); // every leaf of the first tree reached
    }

    [Fact]
    public void GraphsOtherThanOurs_AreLeftToOnnxRuntime()
    {
        static void Set(NodeProto n, string name, Action<AttributeProto> change) => change(n.Attribute.Single(a => a.Name == name));
        Assert.Null(CompiledTrees.TryCompile(Handmade("BRANCH_GTE").Graph, "p"));
        Assert.Null(CompiledTrees.TryCompile(Handmade("BRANCH_LEQ", n => Set(n, "nodes_missing_value_tracks_true", a => a.Ints[0] = 1)).Graph, "p"));
        Assert.Null(CompiledTrees.TryCompile(Handmade("BRANCH_LEQ", n => Set(n, "nodes_modes", a => a.Strings[2] = ByteString.CopyFromUtf8("BRANCH_LT"))).Graph, "p"));
        Assert.Null(CompiledTrees.TryCompile(Handmade("BRANCH_LEQ", n => n.Attribute.Add(new AttributeProto
        {
            Name = "aggregate_function", Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8("AVERAGE"),
        })).Graph, "p"));
        Assert.Null(CompiledTrees.TryCompile(Handmade("BRANCH_LEQ", n => Set(n, "nodes_falsenodeids", a => a.Ints[2] = 0)).Graph, "p")); // back to the root: a cycle
        Assert.Null(CompiledTrees.TryCompile(Handmade("BRANCH_LEQ", n => Set(n, "nodes_truenodeids", a => a.Ints[2] = 4)).Graph, "p")); // a leaf with two parents
        Assert.Null(CompiledTrees.TryCompile(Handmade("BRANCH_LEQ").Graph, "margin")); // not the graph's end
        Assert.Null(CompiledTrees.TryCompile(Handmade("BRANCH_LEQ", n => Set(n, "target_nodeids", a => a.Ints[1] = 1)).Graph, "p")); // two weights for one leaf, none for another
        var relu = Handmade("BRANCH_LEQ");
        relu.Graph.Node[3].OpType = "Relu";
        Assert.Null(CompiledTrees.TryCompile(relu.Graph, "p"));
    }

    [Fact]
    public void TooNarrowRows_AreRefused()
    {
        var trees = CompiledTrees.TryCompile(Handmade("BRANCH_LEQ").Graph, "p")!;
        Assert.Equal(2, trees.Features); // columns 0 and 1 read
        Assert.Throws<ArgumentException>(() => trees.Score(new float[3], 1, new float[3]));
        Assert.Throws<ArgumentException>(() => trees.Score(new float[5], 3, new float[2]));
    }
}
