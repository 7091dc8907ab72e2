using Plan2.Ml.Training.Pipeline;
using Plan2.Ml.Training.Data;

namespace Plan2.Ml.Tests.Pipeline;

/// <summary>The choice of combiner is made the way it would have been at the time, and it can lose.</summary>
public class EnsembleSelectionTests
{
    private const int Rows = 8_000;

    /// <summary>Two "combiners" that each take one member as it is: the choice between them is all that varies.</summary>
    private static readonly IReadOnlyList<StackingCandidate> TakeOne =
    [
        new("first", "member 0 as it is", (p, _) => (0, [1, 0])),
        new("second", "member 1 as it is", (p, _) => (0, [0, 1])),
    ];

    /// <summary>Member 0 is informative before <paramref name="switchAt"/> and noise after it; member 1 the other way round.</summary>
    private static (float[][] Members, float[] Y) Shifting(int switchAt, int seed)
    {
        var rng = new Random(seed);
        var y = new float[Rows];
        var members = new[] { new float[Rows], new float[Rows] };
        for (var i = 0; i < Rows; i++)
        {
            y[i] = rng.Next(2);
            var signal = (float)((y[i] - 0.5) * 0.1 + 0.2 * (rng.NextDouble() - 0.5));
            var noise = (float)(0.2 * (rng.NextDouble() - 0.5));
            members[0][i] = 0.5f + (i < switchAt ? signal : noise);
            members[1][i] = 0.5f + (i < switchAt ? noise : signal);
        }
        return (members, y);
    }

    private static CausalSchedule Schedule()
    {
        var times = Enumerable.Range(0, Rows).Select(i => i * 60_000L).ToArray();
        return CausalSchedule.Of(WalkForward.Split(times, 3, 0.6, 0), times, 0);
    }

    /// <summary>
    /// Rewriting the labels from block b on must leave every ensemble prediction and every pick before b as it was.
    /// Choosing one combiner on all the walk-forward rows and reporting its scores everywhere (what the report did
    /// before) fails this: the later labels decide which combiner scored the earlier blocks.
    /// </summary>
    [Fact]
    public void TheCombinerScoringABlock_IsChosenOnEarlierBlocksOnly()
    {
        var (members, y) = Shifting(switchAt: 5_000, seed: 7);
        var schedule = Schedule();
        var fwd = y.Select(v => v - 0.5).ToArray();
        var before = EnsembleSelection.Choose(members, y, fwd, schedule, TakeOne);
        Assert.Equal("second", before.Chosen.Name); // most scored rows are after the switch

        foreach (var b in schedule.Scored)
        {
            var start = schedule.Blocks[b].Start;
            var changed = (float[])y.Clone();
            for (var i = start; i < Rows; i++) changed[i] = 1 - changed[i];
            var after = EnsembleSelection.Choose(members, changed, fwd, schedule, TakeOne);
            Assert.Equal(before.OutOfSample[..schedule.Blocks[b].End], after.OutOfSample[..schedule.Blocks[b].End]);
            Assert.Equal(before.Picks.TakeWhile(p => p.Block <= b).Select(p => (p.Block, p.Candidate, p.Bias, string.Join(",", p.Weights))),
                after.Picks.TakeWhile(p => p.Block <= b).Select(p => (p.Block, p.Candidate, p.Bias, string.Join(",", p.Weights))));
        }
        // Before the switch the earlier blocks chose member 0: what was known then.
        Assert.Equal("first", before.Picks[1].Candidate);
    }

    /// <summary>
    /// Member 0 is three times overconfident (in logits) on the rows the stackers first fit on, then exactly calibrated
    /// from the first scored row on, as the shipped LightGBM turned out to be on EURUSD April 2017: every combiner
    /// learned to shrink it and keeps doing so, and the causally chosen ensemble loses to member 0 alone. The
    /// selection is not rigged to win; the verdict must then say it falls short, with the figures.
    /// </summary>
    [Fact]
    public void ACausallyChosenEnsemble_CanLoseToAMember_AndTheVerdictSaysSo()
    {
        var schedule = Schedule();
        var switchAt = schedule.Blocks[schedule.FirstScored].Start;
        var rng = new Random(8);
        var y = new float[Rows];
        var members = new[] { new float[Rows], new float[Rows] };
        for (var i = 0; i < Rows; i++)
        {
            var truth = 0.5 + 0.2 * (rng.NextDouble() - 0.5);
            y[i] = rng.NextDouble() < truth ? 1 : 0;
            members[0][i] = (float)(i < switchAt ? Ensemble.Sigmoid(3 * Ensemble.Logit(truth)) : truth);
            members[1][i] = (float)(0.5 + 0.02 * (rng.NextDouble() - 0.5));
        }
        var fwd = y.Select(v => v - 0.5).ToArray();

        var outcome = EnsembleSelection.Choose(members, y, fwd, schedule, EnsembleSelection.Candidates());

        var labels = schedule.ScoredLabels(y, schedule.Blocks.Count);
        var ensemble = MetricsCalculator.Compute(outcome.OutOfSample, labels, fwd);
        var calibrated = MetricsCalculator.Compute(members[0], labels, fwd);
        Assert.True(ensemble.LogLoss > calibrated.LogLoss, $"ensemble {ensemble.LogLoss:0.00000} vs member 0 {calibrated.LogLoss:0.00000}");
        var verdict = TrainingReport.Verdict(ensemble, [("member_0", calibrated), ("member_1", MetricsCalculator.Compute(members[1], labels, fwd))]);
        Assert.StartsWith("Falls short: the ensemble's log loss is not lower than member_0", verdict);
    }

    /// <summary>
    /// Two members that are the same but for noise: whichever scores a hair lower on the walk-forward rows does so by
    /// chance. Choosing by the lowest log loss alone (as before) ships the later candidate; it must win by more than
    /// <see cref="EnsembleSelection.ClearMargin"/> paired standard errors to replace the first.
    /// </summary>
    [Fact]
    public void ACandidateAheadByNoiseOnly_DoesNotReplaceTheFirst()
    {
        var schedule = Schedule();
        for (var seed = 1; seed < 200; seed++)
        {
            var rng = new Random(seed);
            var y = new float[Rows];
            var members = new[] { new float[Rows], new float[Rows] };
            for (var i = 0; i < Rows; i++)
            {
                var truth = 0.5 + 0.2 * (rng.NextDouble() - 0.5);
                y[i] = rng.NextDouble() < truth ? 1 : 0;
                members[0][i] = (float)truth;
                members[1][i] = (float)Math.Clamp(truth + 0.06 * (rng.NextDouble() - 0.5), 0.01, 0.99);
            }
            var labels = schedule.ScoredLabels(y, schedule.Blocks.Count);
            var (mean, se, _) = PairedDifference.LogLoss(members[1], members[0], labels);
            if (!(mean < 0 && mean > -EnsembleSelection.ClearMargin * se))
                continue; // not a narrow, noisy lead for the second: try the next draw
            var fwd = y.Select(v => v - 0.5).ToArray();
            var outcome = EnsembleSelection.Choose(members, y, fwd, schedule, TakeOne);
            Assert.True(outcome.Scores["second"].LogLoss < outcome.Scores["first"].LogLoss);
            Assert.Equal("first", outcome.Chosen.Name);
            return;
        }
        Assert.Fail("No draw gave the second member a narrow lead.");
    }
}
