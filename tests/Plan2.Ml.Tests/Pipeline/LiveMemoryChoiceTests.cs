using Plan2.Core.Features;
using Plan2.Ml.Serving;
using Plan2.Ml.Training.Data;
using Plan2.Ml.Training.Pipeline;

namespace Plan2.Ml.Tests.Pipeline;

/// <summary>
/// How long serving's live accuracy remembers is chosen on walk-forward replays: a member whose edge is steady is
/// served best by a long memory (a short one only adds noise to its weight), a member whose edge comes and goes in
/// stretches of a day by a short one (it quiets the member while it has nothing to say).
/// </summary>
public class LiveMemoryChoiceTests
{
    private const int Horizon = 5;

    [Fact]
    public void ASteadyEdge_IsServedWithTheLongMemory()
    {
        var choice = Choose(steady: true);
        Assert.True(choice.Chosen == "long", string.Join(", ", choice.Scores.Select(s => $"{s.Key} {s.Value.LogLoss:0.000000}")));
        Assert.True(choice.Scores["long"].LogLoss < choice.Scores["short"].LogLoss);
        Assert.Equal(LiveMemory.Long, choice.Memory);
    }

    [Fact]
    public void AnEdgeThatComesAndGoes_IsServedWithTheShortMemory()
    {
        var choice = Choose(steady: false);
        Assert.Equal("short", choice.Chosen);
        Assert.True(choice.Scores["short"].LogLoss < choice.Scores["long"].LogLoss);
    }

    private static LiveReplay.MemoryChoice Choose(bool steady)
    {
        const int n = 80_000;
        var rng = new Random(steady ? 11 : 12);
        var y = new float[n];
        float[][] members = [.. Enumerable.Range(0, 5).Select(_ => new float[n])];
        for (var i = 0; i < n; i++)
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
        var times = Enumerable.Range(0, n).Select(i => i * 60_000L).ToArray();
        // Trending and ranging by turns (live accuracy is kept per regime, so each sees half the outcomes).
        var x = new float[n * FeatureSchema.Count];
        var adx = FeatureSchema.Names.ToList().IndexOf("adx14");
        for (var i = 0; i < n; i++)
            x[i * FeatureSchema.Count + adx] = i / 100 % 2 == 0 ? 0.1f : 0.3f;
        var series = new LabelledSeries
        {
            Symbol = "SYN", Horizon = Horizon, TimesMs = times, X = x, Y = y,
            ForwardReturn = [.. y.Select(v => v - 0.5)],
        };
        var rows = new TrainingRows([series]);
        var labelSpan = Horizon * 60_000L;
        var schedule = CausalSchedule.Of(WalkForward.Split(times, 3, 0.6, labelSpan), times, labelSpan);
        var stacking = EnsembleSelection.Choose(members, y, rows.ForwardReturn, schedule, [.. EnsembleSelection.Candidates().Where(c => c.Name == "non_negative_no_bias")]);
        return LiveReplay.ChooseMemory(members, rows, Horizon, schedule, stacking);
    }
}
