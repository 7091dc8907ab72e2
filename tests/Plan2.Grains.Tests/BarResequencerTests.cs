using Plan2.Abstractions.MarketData;
using Plan2.Grains.Predictions;

namespace Plan2.Grains.Tests;

public class BarResequencerTests
{
    private static readonly IndicatorReadings None = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private static BarView Bar(long sequence) => new("X", "M1", sequence * 60_000, 1, 1, 1, 1, 1, None, sequence);

    [Fact]
    public void ClosesArrivingOutOfOrder_AreReleasedInOrder()
    {
        var resequencer = new BarResequencer();
        var released = new List<long>();

        foreach (var s in new long[] { 2, 3, 1, 5, 4, 6 })
            released.AddRange(resequencer.Offer(Bar(s)).Select(b => b.Sequence));

        Assert.Equal([1L, 2, 3, 4, 5, 6], released);
    }

    [Fact]
    public void ADuplicateOrLateClose_IsDropped()
    {
        var resequencer = new BarResequencer();
        resequencer.Offer(Bar(1));
        resequencer.Offer(Bar(2));

        Assert.Empty(resequencer.Offer(Bar(1)));
    }

    [Fact]
    public void ALostClose_IsSkippedOnceTooManyWaitBehindIt()
    {
        var resequencer = new BarResequencer();
        resequencer.Offer(Bar(1));
        var released = new List<long>();

        for (long s = 3; s <= 3 + BarResequencer.MaxWaiting; s++) // 2 never comes
            released.AddRange(resequencer.Offer(Bar(s)).Select(b => b.Sequence));

        Assert.Equal(Enumerable.Range(3, BarResequencer.MaxWaiting + 1).Select(i => (long)i), released);
        Assert.Equal(1, resequencer.Skipped);
    }

    [Fact]
    public void APredictorJoiningMidStream_StartsWhereItJoins()
    {
        var resequencer = new BarResequencer();

        Assert.Equal([500L], resequencer.Offer(Bar(500)).Select(b => b.Sequence));
    }
}
