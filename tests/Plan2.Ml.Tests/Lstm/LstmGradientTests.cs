using Plan2.Ml.Training.Lstm;

namespace Plan2.Ml.Tests.Lstm;

public class LstmGradientTests
{
    /// <summary>Backpropagation through time against central finite differences, for every single parameter.</summary>
    [Theory]
    [InlineData(3, 4, 6, 5)]
    [InlineData(2, 3, 2, 3)]
    public void Every_parameter_gradient_matches_finite_differences(int features, int hidden, int steps, int rows)
    {
        var net = new LstmNetwork(features, hidden, seed: 11);
        var rng = new Random(5);
        // Larger-than-init weights push gates away from 0.5, so saturation terms are exercised too.
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
            Assert.True(worst < 1e-6, $"{group.Name}: worst relative error {worst:E2}");
            // A group whose gradient is all zero would pass trivially; every group must actually learn.
            Assert.True(largest > 1e-4, $"{group.Name}: largest gradient {largest:E2}");
        }
    }

    [Fact]
    public void Forget_gate_bias_starts_at_one_and_init_is_seeded()
    {
        var a = new LstmNetwork(5, 8, seed: 3);
        var b = new LstmNetwork(5, 8, seed: 3);
        var c = new LstmNetwork(5, 8, seed: 4);
        Assert.Equal(a.Parameters, b.Parameters);
        Assert.NotEqual(a.Parameters, c.Parameters);
        for (int j = 0; j < 8; j++)
        {
            Assert.Equal(1.0, a.Parameters[a.GateBias.Offset + LstmNetwork.GateForget * 8 + j]);
            Assert.Equal(0.0, a.Parameters[a.GateBias.Offset + LstmNetwork.GateInput * 8 + j]);
        }
    }
}
