using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Plan2.Ml.Training;
using Plan2.Ml.Training.Lstm;

namespace Plan2.Ml.Tests.Lstm;

public class LstmOnnxTests
{
    private const int Steps = 7, Features = 5, Hidden = 6;

    /// <summary>An untrained network with pushed weights and a non-trivial scaling: every term of the graph matters.</summary>
    private static LstmModel RandomModel()
    {
        var net = new LstmNetwork(Features, Hidden, seed: 21);
        var rng = new Random(8);
        for (int i = 0; i < net.Parameters.Length; i++) net.Parameters[i] += 0.4 * LstmTestData.Gaussian(rng);
        float[] mean = [0.5f, -2f, 100f, 0f, 1e-3f];
        float[] invStd = [2f, 0.5f, 0.1f, 1f, 1000f];
        return new LstmModel(net, Steps, mean, invStd);
    }

    private static SequenceData Windows(int rows, int seed)
    {
        var model = RandomModel();
        var rng = new Random(seed);
        var x = new float[rows * Steps * Features];
        for (int i = 0; i < x.Length; i++)
        {
            int f = i % Features;
            // Raw values around each feature's mean and scale, with some missing cells.
            x[i] = rng.NextDouble() < 0.05 ? float.NaN
                : (float)(model.FeatureMean[f] + LstmTestData.Gaussian(rng) / model.FeatureInvStd[f]);
        }
        return new SequenceData(x, rows, Steps, Features, new float[rows]);
    }

    private static float[] RunOnnx(byte[] onnx, SequenceData data)
    {
        using var session = new InferenceSession(onnx);
        var input = new DenseTensor<float>(data.X, [data.Rows, data.Steps, data.Features]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("window", input)]);
        var output = results.Single(r => r.Name == "p_up").AsTensor<float>();
        Assert.Equal([data.Rows, 1], output.Dimensions.ToArray());
        return output.ToArray();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    public void Onnx_export_matches_predict(int rows)
    {
        var model = RandomModel();
        var data = Windows(rows, seed: rows);
        float[] expected = model.Predict(data);
        float[] actual = RunOnnx(model.ToOnnx(), data);
        double worst = 0;
        for (int i = 0; i < rows; i++) worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        Assert.True(worst < 1e-5, $"max |ONNX - Predict| = {worst:E2}");
        // Outputs spread over the range, so agreement is not two constants agreeing.
        if (rows > 1) Assert.True(expected.Max() - expected.Min() > 0.1, $"predictions span only {expected.Max() - expected.Min():F3}");
    }

    [Fact]
    public void Onnx_declares_window_and_p_up()
    {
        using var session = new InferenceSession(RandomModel().ToOnnx());
        var input = Assert.Single(session.InputMetadata);
        Assert.Equal("window", input.Key);
        Assert.Equal([-1, Steps, Features], input.Value.Dimensions);
        var output = Assert.Single(session.OutputMetadata);
        Assert.Equal("p_up", output.Key);
        Assert.Equal([-1, 1], output.Value.Dimensions);
    }
}
