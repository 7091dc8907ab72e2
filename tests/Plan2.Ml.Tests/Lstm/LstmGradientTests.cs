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
        foreach (var (name, worst, largest) in GradientCheck.Run(net.Parameters, net.Groups, net.LossAndGradient, features, steps, rows))
        {
            Assert.True(worst < 1e-6, $"{name}: worst relative error {worst:E2}");
            // A group whose gradient is all zero would pass trivially; every group must actually learn.
            Assert.True(largest > 1e-4, $"{name}: largest gradient {largest:E2}");
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
