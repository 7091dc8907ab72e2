using Plan2.Core.Features;
using Plan2.Ml.Serving;
using Plan2.Ml.Training.Data;
using Plan2.Ml.Training.Pipeline;

namespace Plan2.Ml.Tests.Pipeline;

/// <summary>
/// How long serving's live accuracy remembers is chosen on walk-forward replays: a member whose edge is steady is
/// served best by a long memory (a short one only adds noise to its weight), a member whose edge comes and goes in
/// stretches of a day by a short one (it quiets the member while it has nothing to say); and the memory serving a
/// block is chosen on what was known before it.
/// </summary>
public class LiveMemoryChoiceTests
{
    private const int Horizon = 5, Rows = 80_000;
    private const long LabelSpan = Horizon * 60_000L;

    [Fact]
    public void ASteadyEdge_IsServedWithTheLongMemory()
    {
        var choice = Choose(Members(steady: true));
        Assert.True(choice.Chosen == "long", string.Join(", ", choice.Scores.Select(s => $"{s.Key} {s.Value.LogLoss:0.000000}")));
        Assert.True(choice.Scores["long"].LogLoss < choice.Scores["short"].LogLoss);
        Assert.Equal(LiveMemory.Long, choice.Memory);
    }

    [Fact]
    public void AnEdgeThatComesAndGoes_IsServedWithTheShortMemory()
    {
        var choice = Choose(Members(steady: false));
        Assert.Equal("short", choice.Chosen);
        Assert.True(choice.Scores["short"].LogLoss < choice.Scores["long"].LogLoss);
    }

    /// <summary>
    /// Rewriting every label not yet known when block b starts (those reaching into it, and later) leaves each memory
    /// picked up to b, and every prediction before b, as they were.
    /// </summary>
    [Fact]
    public void TheMemoryServingABlock_IsChosenOnWhatWasKnownBeforeIt()
    {
        var data = Members(steady: true);
        var before = Choose(data);
        Assert.Contains(before.Picks, p => p.Memory == "long"); // the choice moves, so there is something to keep
        var times = Times();
        var schedule = Schedule(times);
        foreach (var b in schedule.Scored.Skip(1))
        {
            var start = schedule.Blocks[b].Start;
            var changed = (float[])data.Y.Clone();
            for (var i = 0; i < Rows; i++)
                if (times[i] + LabelSpan >= times[start]) changed[i] = 1 - changed[i];
            var after = Choose(data with { Y = changed });
            Assert.Equal(before.Picks.TakeWhile(p => p.Block <= b), after.Picks.TakeWhile(p => p.Block <= b));
            Assert.Equal(before.OutOfSample[..start], after.OutOfSample[..start]);
        }
    }

    private sealed record Data(float[][] Members, float[] Y, float[] X);

    private static Data Members(bool steady)
    {
        var rng = new Random(steady ? 11 : 12);
        var y = new float[Rows];
        float[][] members = [.. Enumerable.Range(0, 5).Select(_ => new float[Rows])];
        for (var i = 0; i < Rows; i++)
        {
            y[i] = rng.Next(2);
            foreach (var member in members)
            {
                // Steady: right 52 % of the time throughout. Otherwise right 64 % in every other stretch of 1,500 rows, a coin flip between.
                var right = rng.NextDouble() < (steady ? 0.52 : i / 1_500 % 2 == 0 ? 0.64 : 0.5);
                var saysUp = right == (y[i] == 1);
                member[i] = (float)(saysUp ? 0.56 + 0.04 * rng.NextDouble() : 0.40 + 0.04 * rng.NextDouble());
            }
        }
        // Trending and ranging by turns (live accuracy is kept per regime, so each sees half the outcomes).
        var x = new float[Rows * FeatureSchema.Count];
        var adx = FeatureSchema.Names.ToList().IndexOf("adx14");
        for (var i = 0; i < Rows; i++)
            x[i * FeatureSchema.Count + adx] = i / 100 % 2 == 0 ? 0.1f : 0.3f;
        return new Data(members, y, x);
    }

    private static long[] Times() => [.. Enumerable.Range(0, Rows).Select(i => i * 60_000L)];

    private static CausalSchedule Schedule(long[] times) => CausalSchedule.Of(WalkForward.Split(times, 3, 0.6, LabelSpan), times, LabelSpan);

    private static LiveReplay.MemoryChoice Choose(Data data)
    {
        var times = Times();
        var series = new LabelledSeries
        {
            Symbol = "SYN", Horizon = Horizon, TimesMs = times, X = data.X, Y = data.Y,
            ForwardReturn = [.. data.Y.Select(v => v - 0.5)],
        };
        var rows = new TrainingRows([series]);
        var folds = WalkForward.Split(times, 3, 0.6, LabelSpan);
        var schedule = Schedule(times);
        var stacking = EnsembleSelection.Choose(data.Members, data.Y, rows.ForwardReturn, schedule,
            [.. EnsembleSelection.Candidates().Where(c => c.Name == "non_negative_no_bias")]);
        return LiveReplay.ChooseMemory(data.Members, rows, Horizon, schedule, folds, stacking);
    }
}
