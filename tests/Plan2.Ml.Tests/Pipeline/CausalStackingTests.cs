using Plan2.Ml.Training.Data;
using Plan2.Ml.Training.Pipeline;

namespace Plan2.Ml.Tests.Pipeline;

public class CausalStackingTests
{
    private static readonly List<Fold> Folds = [new(1_000, 1_000, 2_000), new(2_000, 2_000, 3_000), new(3_000, 3_000, 4_000)];

    private static long[] Minutes(int n) => [.. Enumerable.Range(0, n).Select(i => i * 60_000L)];

    [Fact]
    public void Schedule_CutsEachFoldIntoBlocks_AndScoresFromTheMiddleOfTheFirstFold()
    {
        var schedule = CausalSchedule.Of(Folds, Minutes(4_000), 5 * 60_000L);

        Assert.Equal(12, schedule.Blocks.Count);
        Assert.Equal((1_000, 1_250), schedule.Blocks[0]);
        Assert.Equal((3_750, 4_000), schedule.Blocks[^1]);
        Assert.Equal(2, schedule.FirstScored);
        Assert.Equal(Enumerable.Range(2, 10), schedule.Scored);
    }

    [Fact]
    public void LabelsBeforeABlock_AreEarlierBlocksOnly_WithLabelsReachingIntoTheBlockPurged()
    {
        var y = Enumerable.Range(0, 4_000).Select(i => (float)(i % 2)).ToArray();
        var schedule = CausalSchedule.Of(Folds, Minutes(4_000), 5 * 60_000L);

        var known = schedule.LabelsBefore(y, 4); // block 4 starts at row 2,000

        Assert.All(known[..1_000], v => Assert.True(float.IsNaN(v))); // before the walk-forward: training rows, not out of sample
        Assert.Equal(y[1_000..1_995], known[1_000..1_995]);
        Assert.All(known[1_995..], v => Assert.True(float.IsNaN(v))); // 5-minute labels of the last 5 rows reach row 2,000
    }

    /// <summary>
    /// The scored labels a choice for block b is made on are those known when b starts: the last rows of the block
    /// before have labels that reach into b, and choosing on them would read b's first prices.
    /// </summary>
    [Fact]
    public void ScoredLabelsBeforeABlock_PurgeTheLabelsReachingIntoIt()
    {
        var y = Enumerable.Range(0, 4_000).Select(i => (float)(i % 2)).ToArray();
        var schedule = CausalSchedule.Of(Folds, Minutes(4_000), 5 * 60_000L);

        var known = schedule.ScoredLabels(y, 4); // scored blocks 2 and 3: rows 1,500-2,000; block 4 starts at row 2,000
        var all = schedule.ScoredLabels(y, schedule.Blocks.Count);

        Assert.All(known[..1_500], v => Assert.True(float.IsNaN(v))); // blocks 0 and 1 only fit, they are not scored
        Assert.Equal(y[1_500..1_995], known[1_500..1_995]);
        Assert.All(known[1_995..], v => Assert.True(float.IsNaN(v)));
        Assert.Equal(y[1_500..], all[1_500..]); // after the last block nothing is unknown
    }

    /// <summary>
    /// The ensemble's walk-forward score of a block may depend only on earlier blocks: rewriting the labels
    /// of block b (and everything after it) must not change a single ensemble prediction before b.
    /// Cross-fitting (weights from all other folds) fails this.
    /// </summary>
    [Fact]
    public void WeightsScoringABlock_AreFittedOnEarlierBlocksOnly()
    {
        const int n = 4_000;
        var rng = new Random(3);
        var y = new float[n];
        var members = new[] { new float[n], new float[n] };
        for (var i = 0; i < n; i++)
        {
            y[i] = rng.Next(2);
            members[0][i] = (float)(0.5 + (y[i] - 0.5) * 0.1 + 0.05 * (rng.NextDouble() - 0.5));
            members[1][i] = (float)rng.NextDouble();
        }
        var schedule = CausalSchedule.Of(Folds, Minutes(n), 0);
        var before = CausalStacking.OutOfSample(members, y, schedule, (p, l) => Stacker.Fit(p, l));

        Assert.All(before[..1_500], p => Assert.True(float.IsNaN(p))); // nothing earlier to fit the first blocks' weights on
        Assert.All(before[1_500..], p => Assert.True(float.IsFinite(p)));
        foreach (var b in schedule.Scored)
        {
            var start = schedule.Blocks[b].Start;
            var changed = (float[])y.Clone();
            for (var i = start; i < n; i++) changed[i] = 1 - changed[i];
            var after = CausalStacking.OutOfSample(members, changed, schedule, (p, l) => Stacker.Fit(p, l));
            Assert.Equal(before[..schedule.Blocks[b].End], after[..schedule.Blocks[b].End]);
        }
    }
}
