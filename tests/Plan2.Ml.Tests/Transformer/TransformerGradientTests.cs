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
        var rng = new Random(5);
        // Pushed weights: attention far from uniform, layer-norm gains away from 1, some ReLUs off.
        for (int i = 0; i < net.Parameters.Length; i++) net.Parameters[i] += 0.5 * LstmTestData.Gaussian(rng);
        var x = new double[rows * steps * features];
        for (int i = 0; i < x.Length; i++) x[i] = LstmTestData.Gaussian(rng);
        var y = new double[rows];
        for (int r = 0; r < rows; r++) y[r] = r % 2;

        var analytic = new double[net.Parameters.Length];
        net.LossAndGradient(x, y, rows, steps, analytic);

        const double eps = 1e-5;
        foreach (var group in net.Groups)
        {
            double worst = 0, largest = 0;
            for (int i = group.Offset; i < group.Offset + group.Length; i++)
            {
                double saved = net.Parameters[i];
                net.Parameters[i] = saved + eps;
                double up = net.LossAndGradient(x, y, rows, steps, null);
                net.Parameters[i] = saved - eps;
                double down = net.LossAndGradient(x, y, rows, steps, null);
                net.Parameters[i] = saved;
                double numeric = (up - down) / (2 * eps);
                double rel = Math.Abs(numeric - analytic[i]) / Math.Max(Math.Abs(numeric) + Math.Abs(analytic[i]), 1e-7);
                worst = Math.Max(worst, rel);
                largest = Math.Max(largest, Math.Abs(analytic[i]));
            }
            // The key bias adds q·bk to every score of a row, which softmax ignores: its gradient is exactly zero.
            if (group.Name == "bk")
            {
                Assert.True(largest < 1e-12, $"bk: gradient {largest:E2}, expected exactly zero");
                continue;
            }
            Assert.True(worst < 1e-5, $"{group.Name}: worst relative error {worst:E2}");
            // A one-step window makes attention a constant 1, whose query and key gradients are truly zero.
            if (steps > 1 || group.Name is not ("Wq" or "bq" or "Wk"))
                Assert.True(largest > 1e-5, $"{group.Name}: largest gradient {largest:E2}");
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
