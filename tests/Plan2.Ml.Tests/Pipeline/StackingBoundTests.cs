using Plan2.Ml.Training.Pipeline;

namespace Plan2.Ml.Tests.Pipeline;

public class StackingBoundTests
{
    /// <summary>
    /// Members whose logit is <c>a·(2y − 1) + √(2a)·N(0, 1)</c>, independently: each is calibrated on its own (its
    /// logit is the true log-odds given it), so only combining can beat the best of them; a = 0 is noise of sd 0.3.
    /// </summary>
    private static BoundSet Set(string name, int n, int seed, params double[] strengths)
    {
        var rng = new Random(seed);
        var y = new float[n];
        var members = strengths.Select(_ => new float[n]).ToArray();
        for (var i = 0; i < n; i++)
        {
            y[i] = rng.Next(2);
            for (var k = 0; k < strengths.Length; k++)
            {
                var normal = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
                var a = strengths[k];
                members[k][i] = (float)Ensemble.Sigmoid(a * (2 * y[i] - 1) + (a > 0 ? Math.Sqrt(2 * a) : 0.3) * normal);
            }
        }
        var toBeat = members.Min(p => MetricsCalculator.Compute(p, y, new double[n]).LogLoss);
        return new BoundSet(name, members, y, toBeat);
    }

    private static double WorstMargin(IReadOnlyList<BoundSet> sets, double[] w) => sets.Max(s =>
    {
        var p = Enumerable.Range(0, s.Labels.Length).Select(i => CausalStacking.Combine(s.Members, i, 0, w)).ToArray();
        return MetricsCalculator.Compute(p, s.Labels, new double[p.Length]).LogLoss - s.ToBeat;
    });

    [Fact]
    public void Minimax_IsNoWorseThanAnyWeightsOnAGrid()
    {
        BoundSet[] sets = [Set("a", 3_000, 1, 0.15, 0.05, 0.0), Set("b", 3_000, 2, 0.05, 0.15, 0.0)];
        var bound = StackingBound.Minimax(sets);

        Assert.All(bound.Weights, w => Assert.True(w >= 0, $"weight {w} is negative"));
        Assert.Equal(WorstMargin(sets, bound.Weights), bound.Margins.Max(), 6);
        var grid = from a in Enumerable.Range(0, 11) from b in Enumerable.Range(0, 11) from c in Enumerable.Range(0, 11)
                   select new[] { a * 0.2, b * 0.2, c * 0.2 };
        var bestOnGrid = grid.Where(w => w.Sum() > 0).Min(w => WorstMargin(sets, w));
        Assert.True(bound.Margins.Max() <= bestOnGrid + 1e-6, $"bound {bound.Margins.Max():0.000000} is worse than a grid point's {bestOnGrid:0.000000}");
    }

    [Fact]
    public void Minimax_FindsAWinWhereCombiningHelpsEverywhere()
    {
        // Independent noise given the label: the sum of the two logits is the true log-odds, better than either alone on both sets.
        BoundSet[] sets = [Set("a", 4_000, 3, 0.1, 0.1), Set("b", 4_000, 4, 0.08, 0.1)];
        var bound = StackingBound.Minimax(sets);
        Assert.All(bound.Margins, m => Assert.True(m < -0.001, $"margin {m:0.000000} should be a clear win"));
        Assert.All(bound.Weights, w => Assert.True(w > 0));
    }

    [Fact]
    public void Minimax_ReportsNoWinWhenEachSetWantsADifferentMember()
    {
        // Each member is the only informative one on its own set: whatever weight the other gets is pure noise there.
        BoundSet[] sets = [Set("a", 4_000, 5, 0.1, 0.0), Set("b", 4_000, 6, 0.0, 0.1)];
        var bound = StackingBound.Minimax(sets);
        Assert.True(bound.Margins.Max() > 0, $"worst margin {bound.Margins.Max():0.000000}: no non-negative stack can beat the best member on both");
    }

    /// <summary>
    /// As <see cref="Set"/>, but rows alternate between two regimes and each member is informative (strength
    /// <paramref name="a"/>) in one of them and noise in the other: member 0 in regime 0, member 1 in regime 1.
    /// </summary>
    private static (BoundSet Set, int[] Regimes) RegimeSet(string name, int n, int seed, double a)
    {
        var rng = new Random(seed);
        var y = new float[n];
        var regimes = new int[n];
        var members = new[] { new float[n], new float[n] };
        for (var i = 0; i < n; i++)
        {
            y[i] = rng.Next(2);
            regimes[i] = i % 2;
            for (var k = 0; k < 2; k++)
            {
                var normal = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
                members[k][i] = (float)Ensemble.Sigmoid(k == regimes[i] ? a * (2 * y[i] - 1) + Math.Sqrt(2 * a) * normal : 0.3 * normal);
            }
        }
        var toBeat = members.Min(p => MetricsCalculator.Compute(p, y, new double[n]).LogLoss);
        return (new BoundSet(name, members, y, toBeat), regimes);
    }

    [Fact]
    public void MinimaxByRegime_WithEveryRowInOneRegime_IsThePlainBound()
    {
        BoundSet[] sets = [Set("a", 3_000, 1, 0.15, 0.05, 0.0), Set("b", 3_000, 2, 0.05, 0.15, 0.0)];
        var plain = StackingBound.Minimax(sets);

        var byRegime = StackingBound.Minimax(sets, [.. sets.Select(s => new int[s.Labels.Length])], 2);

        Assert.Equal(6, byRegime.Weights.Length);
        Assert.Equal(plain.Margins.Max(), byRegime.Margins.Max(), 6);
    }

    [Fact]
    public void MinimaxByRegime_WinsWhereEachRegimeWantsADifferentMember_AndIsNeverWorseThanOneSetOfWeights()
    {
        var (a, ra) = RegimeSet("a", 6_000, 7, 0.12);
        var (b, rb) = RegimeSet("b", 6_000, 8, 0.12);
        BoundSet[] sets = [a, b];
        var plain = StackingBound.Minimax(sets);

        var byRegime = StackingBound.Minimax(sets, [ra, rb], 2);

        Assert.All(byRegime.Weights, w => Assert.True(w >= 0, $"weight {w} is negative"));
        Assert.True(byRegime.Margins.Max() <= plain.Margins.Max() + 1e-6, $"by regime {byRegime.Margins.Max():0.000000}, one set of weights {plain.Margins.Max():0.000000}");
        Assert.All(byRegime.Margins, m => Assert.True(m < -0.002, $"margin {m:0.000000} should be a clear win"));
        // Weights[r · members + k]: regime 0 leans on member 0, regime 1 on member 1.
        Assert.True(byRegime.Weights[0] > byRegime.Weights[1], string.Join(", ", byRegime.Weights));
        Assert.True(byRegime.Weights[3] > byRegime.Weights[2], string.Join(", ", byRegime.Weights));
    }

    [Fact]
    public void MinimaxByRegime_RefusesARegimeOutsideTheCount()
    {
        BoundSet[] sets = [Set("a", 100, 1, 0.1)];
        Assert.Throws<ArgumentException>(() => StackingBound.Minimax(sets, [Enumerable.Repeat(2, 100).ToArray()], 2));
    }
}
