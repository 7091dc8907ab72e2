using Plan2.Ml.Training.Pipeline;

namespace Plan2.Ml.Tests.Pipeline;

public class LogitMixtureTests
{
    [Fact]
    public void Mixture_IsConvex_AndPrefersTheInformativeMembers()
    {
        var rng = new Random(4);
        const int n = 4_000;
        var y = new float[n];
        var members = new[] { new float[n], new float[n], new float[n] };
        for (var i = 0; i < n; i++)
        {
            y[i] = rng.Next(2);
            members[0][i] = (float)(0.5 + (y[i] - 0.5) * 0.2 + 0.2 * (rng.NextDouble() - 0.5));
            members[1][i] = (float)(0.5 + 0.4 * (rng.NextDouble() - 0.5)); // noise
            members[2][i] = (float)(0.5 - (y[i] - 0.5) * 0.2 + 0.2 * (rng.NextDouble() - 0.5)); // wrong way round
        }

        var (bias, weights) = LogitMixture.Fit(members, y);

        Assert.Equal(0, bias);
        Assert.Equal(1.0, weights.Sum(), 9);
        Assert.All(weights, w => Assert.InRange(w, 0, 1));
        Assert.Equal(0, weights[2]);
        Assert.True(weights[0] >= 0.8, $"weights {string.Join(", ", weights)}");
    }
}
