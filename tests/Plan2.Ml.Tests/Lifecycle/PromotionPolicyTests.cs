using Plan2.Ml.Lifecycle;

namespace Plan2.Ml.Tests.Lifecycle;

public sealed class PromotionPolicyTests
{
    private static readonly PromotionPolicy Policy = PromotionPolicy.Default;

    [Fact]
    public void ClearlyBetterChallenger_IsPromotedAtMinResolved_NotBefore()
    {
        // Champion is a coin flip, challenger knows the true probability: ~0.027 nats better per bar.
        var board = new ShadowScoreboard();
        var random = new Random(1);
        ShadowData.Feed(board, random, Policy.MinResolved - 1, spread: 0.2, (_, _) => 0.5, (q, _) => q);

        var early = Policy.Decide(board);
        ShadowData.Feed(board, random, 1, spread: 0.2, (_, _) => 0.5, (q, _) => q);
        var due = Policy.Decide(board);

        Assert.Equal((PromotionOutcome.Keep, PromotionReason.TooFewPairs), (early.Outcome, early.Reason));
        Assert.Equal((PromotionOutcome.Promote, PromotionReason.Promoted), (due.Outcome, due.Reason));
        Assert.Equal(Policy.MinResolved, due.Evidence.Pairs);
        Assert.True(due.Evidence.Challenger.LogLoss < due.Evidence.Champion.LogLoss);
    }

    [Fact]
    public void EquallyGoodChallenger_IsKept()
    {
        var board = new ShadowScoreboard();
        ShadowData.Feed(board, new Random(2), board.Window, spread: 0.1,
            (q, r) => ShadowData.Noisy(q, r, 0.05), (q, r) => ShadowData.Noisy(q, r, 0.05));

        var decision = Policy.Decide(board);

        Assert.Equal(PromotionOutcome.Keep, decision.Outcome);
        Assert.Contains(decision.Reason, new[] { PromotionReason.ImprovementTooSmall, PromotionReason.NotSignificant });
    }

    [Fact]
    public void SlightlyBetterButNoisyChallenger_IsKept_OnSignificance()
    {
        var strict = Policy.Decide(NoisyBetterBoard());
        var lax = (Policy with { MinStandardErrors = 0.5 }).Decide(NoisyBetterBoard());

        Assert.True(-strict.Evidence.MeanLossDifference >= Policy.MinLogLossImprovement); // the gain alone would pass
        Assert.Equal((PromotionOutcome.Keep, PromotionReason.NotSignificant), (strict.Outcome, strict.Reason));
        Assert.Equal(PromotionOutcome.Promote, lax.Outcome); // so it is the significance rule that held it back
    }

    /// <summary>
    /// A challenger at 0.6/0.4 right on 56 % of bars against a 0.5 champion: ~0.004 nats better on
    /// average, but each bar moves ±0.2 nats, so 2000 bars give a standard error of ~0.0045.
    /// </summary>
    private static ShadowScoreboard NoisyBetterBoard()
    {
        var board = new ShadowScoreboard();
        for (var i = 0; i < board.Window; i++)
        {
            var up = i % 3 != 0;
            var right = i * 37 % 100 < 56;
            board.Record(0.5, up == right ? 0.6 : 0.4, up);
        }
        return board;
    }

    [Fact]
    public void WorseChallenger_IsKept()
    {
        var board = new ShadowScoreboard();
        ShadowData.Feed(board, new Random(3), board.Window, spread: 0.2, (q, _) => q, (_, _) => 0.5);

        var decision = Policy.Decide(board);

        Assert.Equal((PromotionOutcome.Keep, PromotionReason.ImprovementTooSmall), (decision.Outcome, decision.Reason));
        Assert.True(decision.Evidence.MeanLossDifference > 0);
    }

    [Theory]
    [InlineData(0.5001, PromotionOutcome.Keep)] // 0.0002 nats on every bar: certain, but below the minimum
    [InlineData(0.5010, PromotionOutcome.Promote)] // 0.002 nats on every bar
    public void ConsistentGain_IsPromotedOnlyAboveTheMinimum(double challenger, PromotionOutcome expected)
    {
        var board = new ShadowScoreboard();
        for (var i = 0; i < board.Window; i++)
            board.Record(0.5, challenger, up: true);

        Assert.Equal(expected, Policy.Decide(board).Outcome);
    }

    [Fact]
    public void WindowShorterThanMinResolved_CanNeverPromote()
    {
        var board = new ShadowScoreboard(window: Policy.MinResolved - 1);
        for (var i = 0; i < board.Window; i++)
            board.Record(0.5, 0.9, up: true);

        Assert.Equal(PromotionReason.WindowTooSmall, Policy.Decide(board).Reason);
    }

    [Fact]
    public void InvalidPolicy_ListsEveryViolation_AndRefusesToDecide()
    {
        var policy = new PromotionPolicy(MinResolved: 0, MinLogLossImprovement: double.NaN, MinStandardErrors: -1);

        Assert.Equal(3, policy.Validate().Count);
        Assert.Throws<InvalidOperationException>(() => policy.Decide(new ShadowScoreboard()));
        Assert.Empty(PromotionPolicy.Default.Validate());
    }
}
