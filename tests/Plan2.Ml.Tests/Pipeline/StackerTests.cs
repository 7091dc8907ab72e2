using Plan2.Ml.Training.Data;
using Plan2.Ml.Training.Pipeline;

namespace Plan2.Ml.Tests.Pipeline;

public class StackerTests
{
    /// <summary>A good member, a noisy one and one that is right only when turned upside down.</summary>
    private static (float[][] Members, float[] Y) Members(int n, int seed)
    {
        var rng = new Random(seed);
        var y = new float[n];
        var members = new[] { new float[n], new float[n], new float[n] };
        for (var i = 0; i < n; i++)
        {
            y[i] = rng.Next(2);
            var signal = (y[i] - 0.5) * 0.2;
            members[0][i] = (float)(0.5 + signal + 0.2 * (rng.NextDouble() - 0.5));
            members[1][i] = (float)(0.5 + 0.3 * signal + 0.3 * (rng.NextDouble() - 0.5));
            members[2][i] = (float)(0.5 - 0.5 * signal + 0.2 * (rng.NextDouble() - 0.5));
        }
        return (members, y);
    }

    [Fact]
    public void NonNegative_DropsAMemberThatWouldBeUsedUpsideDown()
    {
        var (members, y) = Members(5_000, 1);
        var (_, free) = Stacker.Fit(members, y, new StackingOptions(1e-3));
        var (_, constrained) = Stacker.Fit(members, y, new StackingOptions(1e-3, NonNegative: true));

        Assert.True(free[2] < -0.1, $"the unconstrained fit should use member 2 inverted (weight {free[2]:0.000})");
        Assert.All(constrained, w => Assert.True(w >= 0, $"weight {w} is negative"));
        Assert.Equal(0, constrained[2]);
        Assert.True(constrained[0] > 0.1);
    }

    [Fact]
    public void StrongShrinkage_TowardTheBestMember_GivesItWeightOne()
    {
        var (members, y) = Members(5_000, 2);
        var target = EnsembleSelection.BestMemberTarget(members, y);
        Assert.Equal([1.0, 0, 0], target);

        var (_, weights) = Stacker.Fit(members, y, new StackingOptions(1e4, NonNegative: true, Target: target));

        Assert.Equal(1.0, weights[0], 2);
        Assert.Equal(0.0, weights[1], 2);
        Assert.Equal(0.0, weights[2], 2);
    }

    [Fact]
    public void WithoutBias_TheBiasStaysZero_WhileTheUpRateIsOffCentre()
    {
        var (members, y) = Members(5_000, 4);
        var rng = new Random(5);
        for (var i = 0; i < y.Length; i++)
            if (y[i] == 0 && rng.NextDouble() < 0.3) y[i] = 1; // ~65 % up: a fitted bias moves well away from 0

        var (withBias, _) = Stacker.Fit(members, y, new StackingOptions(1e-3, NonNegative: true));
        var (noBias, weights) = Stacker.Fit(members, y, new StackingOptions(1e-3, NonNegative: true, FitBias: false));

        Assert.True(withBias > 0.3, $"bias {withBias:0.000}");
        Assert.Equal(0, noBias);
        Assert.True(weights[0] > 0.1);
    }

    [Fact]
    public void Selection_ShipsTheLowestTimeCausalLogLoss_AndReportsEveryCandidate()
    {
        var (members, y) = Members(6_000, 3);
        var times = Enumerable.Range(0, y.Length).Select(i => i * 60_000L).ToArray();
        var folds = WalkForward.Split(times, 3, 0.6, 0);
        var schedule = CausalSchedule.Of(folds, times, 0);
        var candidates = EnsembleSelection.Candidates();

        var outcome = EnsembleSelection.Choose(members, y, [.. y.Select(v => v - 0.5)], schedule, candidates);

        Assert.Equal(candidates.Select(c => c.Name), outcome.Scores.Keys);
        Assert.True(outcome.Chosen.Eligible);
        Assert.Equal(candidates.Where(c => c.Eligible).Min(c => outcome.Scores[c.Name].LogLoss), outcome.Scores[outcome.Chosen.Name].LogLoss);
        Assert.Equal(schedule.Scored, outcome.Picks.Select(p => p.Block));
        Assert.All(outcome.Picks, p => Assert.True(candidates.Single(c => c.Name == p.Candidate).Eligible));
        // Member 2 inverted is real information here, yet the free-sign stacker that uses it is never shipped.
        Assert.True(outcome.Scores["logistic_free_sign"].LogLoss < outcome.Scores[outcome.Chosen.Name].LogLoss);
    }
}
