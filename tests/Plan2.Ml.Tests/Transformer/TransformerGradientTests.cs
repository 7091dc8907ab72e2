using Plan2.Ml.Tests.Lstm;
using Plan2.Ml.Training.Transformer;

namespace Plan2.Ml.Tests.Transformer;

public class TransformerGradientTests
{
    /// <summary>Our backpropagation against central finite differences, for every single parameter of every group.</summary>
    [Theory]
    [InlineData(3, 4, 6, 5, 4)]
    [InlineData(2, 4, 3, 1, 3)]
    public void Every_parameter_gradient_matches_finite_differences(int features, int modelDim, int feedForward, int steps, int rows)
    {
        var net = new TransformerNetwork(features, modelDim, feedForward, seed: 11);
        foreach (var (name, worst, largest) in GradientCheck.Run(net.Parameters, net.Groups, net.LossAndGradient, features, steps, rows))
        {
            // The key bias adds q·bk to every score of a row, which softmax ignores: its gradient is exactly zero.
            if (name == "bk")
            {
                Assert.True(largest < 1e-12, $"bk: gradient {largest:E2}, expected exactly zero");
                continue;
            }
            Assert.True(worst < 1e-5, $"{name}: worst relative error {worst:E2}");
            // A one-step window makes attention a constant 1, whose query and key gradients are truly zero.
            if (steps > 1 || name is not ("Wq" or "bq" or "Wk"))
                Assert.True(largest > 1e-5, $"{name}: largest gradient {largest:E2}");
        }
    }

    [Fact]
    public void Init_is_seeded_and_layer_norm_gains_start_at_one()
    {
        var a = new TransformerNetwork(5, 8, 16, seed: 3);
        var b = new TransformerNetwork(5, 8, 16, seed: 3);
        var c = new TransformerNetwork(5, 8, 16, seed: 4);
        Assert.Equal(a.Parameters, b.Parameters);
        Assert.NotEqual(a.Parameters, c.Parameters);
        Assert.All(a.Parameters.AsSpan(a.Norm1Gain.Offset, 8).ToArray(), g => Assert.Equal(1.0, g));
        Assert.Equal(TransformerNetwork.ParameterCount(5, 8, 16), a.Parameters.Length);
    }
}
