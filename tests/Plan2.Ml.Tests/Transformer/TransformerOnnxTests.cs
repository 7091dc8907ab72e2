using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Plan2.Ml.Tests.Lstm;
using Plan2.Ml.Training;
using Plan2.Ml.Training.Transformer;

namespace Plan2.Ml.Tests.Transformer;

public class TransformerOnnxTests
{
    private const int Steps = 7, Features = 5, ModelDim = 8, FeedForward = 12;

    /// <summary>An untrained network with pushed weights and a non-trivial scaling: every term of the graph matters.</summary>
    private static TransformerModel RandomModel()
    {
        var net = new TransformerNetwork(Features, ModelDim, FeedForward, seed: 21);
        var rng = new Random(8);
        for (int i = 0; i < net.Parameters.Length; i++) net.Parameters[i] += 0.4 * LstmTestData.Gaussian(rng);
        return new TransformerModel(net, Steps, [0.5f, -2f, 100f, 0f, 1e-3f], [2f, 0.5f, 0.1f, 1f, 1000f]);
    }

    private static SequenceData Windows(TransformerModel model, int rows, int seed)
    {
        var rng = new Random(seed);
        var x = new float[rows * Steps * Features];
        for (int i = 0; i < x.Length; i++)
        {
            int f = i % Features;
            x[i] = rng.NextDouble() < 0.05 ? float.NaN : (float)(model.FeatureMean[f] + LstmTestData.Gaussian(rng) / model.FeatureInvStd[f]);
        }
        return new SequenceData(x, rows, Steps, Features, new float[rows]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(53)]
    public void Onnx_runtime_gives_our_forward_pass(int rows)
    {
        var model = RandomModel();
        var data = Windows(model, rows, seed: rows);
        var expected = model.Predict(data);

        using var session = new InferenceSession(model.ToOnnx());
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("window", new DenseTensor<float>(data.X, [rows, Steps, Features]))]);
        var output = results.Single(r => r.Name == "p_up").AsTensor<float>();
        Assert.Equal([rows, 1], output.Dimensions.ToArray());
        var actual = output.ToArray();

        var worst = expected.Zip(actual).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(worst < 1e-5, $"max |ONNX - ours| = {worst:E2}");
        if (rows > 1) Assert.True(expected.Max() - expected.Min() > 0.1, $"predictions span only {expected.Max() - expected.Min():F3}");
    }
}
