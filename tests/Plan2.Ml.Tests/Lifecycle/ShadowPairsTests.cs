using Plan2.Ml.Lifecycle;

namespace Plan2.Ml.Tests.Lifecycle;

/// <summary>Shadow evidence saved and taken back after a restart continues exactly where it was.</summary>
public sealed class ShadowPairsTests
{
    private static ShadowScoreboard Recorded(int pairs, int window = 500)
    {
        var random = new Random(4);
        var board = new ShadowScoreboard(window, horizon: 5);
        for (var i = 0; i < pairs; i++)
            board.Record(random.NextDouble(), random.NextDouble(), random.Next(2) == 1);
        return board;
    }

    [Theory]
    [InlineData(300)]   // part of the window
    [InlineData(1_234)] // the window has forgotten the oldest
    public void ARestoredScoreboard_HasTheSameEvidence_AndCountsOnFromTheSameTotal(int pairs)
    {
        var before = Recorded(pairs);

        var after = new ShadowScoreboard(500, horizon: 5);
        after.Restore(before.Snapshot());

        Assert.Equal(before.Evidence(), after.Evidence());
        Assert.Equal(pairs, after.TotalRecorded);
        before.Record(0.6, 0.4, true);
        after.Record(0.6, 0.4, true);
        Assert.Equal(before.Evidence(), after.Evidence());
    }

    [Fact]
    public void OnlyAnEmptyScoreboard_TakesBackSavedPairs()
    {
        var board = Recorded(10);

        Assert.Throws<InvalidOperationException>(() => board.Restore(Recorded(5).Snapshot()));
    }
}
