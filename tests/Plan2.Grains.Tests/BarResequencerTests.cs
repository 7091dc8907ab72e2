using Plan2.Abstractions.MarketData;
using Plan2.Grains.Predictions;

namespace Plan2.Grains.Tests;

public class BarResequencerTests
{
    private static readonly IndicatorReadings None = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private static BarView Bar(long sequence, long epoch = 7, long minute = 0) =>
        new("X", "M1", (minute + sequence) * 60_000, 1, 1, 1, 1, 1, None, sequence, epoch);

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

    [Fact]
    public void ANewActivationOfTheInstrument_RestartsTheCount()
    {
        var resequencer = new BarResequencer();
        foreach (var s in Enumerable.Range(1, 200))
            resequencer.Offer(Bar(s));

        // The instrument was activated again: its closes count from 1 under a new epoch, and arrive out of order.
        var released = new List<long>();
        foreach (var s in new long[] { 2, 1, 3 })
            released.AddRange(resequencer.Offer(Bar(s, epoch: 8, minute: 300)).Select(b => b.Sequence));

        Assert.Equal([1L, 2, 3], released);
        Assert.Equal(1, resequencer.EpochChanges);
    }

    [Fact]
    public void ALateCloseOfAReplacedActivation_IsDropped_AndWhatWaitedIsReleasedFirst()
    {
        var resequencer = new BarResequencer();
        resequencer.Offer(Bar(1));
        Assert.Empty(resequencer.Offer(Bar(3))); // waits for 2, which the old activation never sends

        var released = resequencer.Offer(Bar(1, epoch: 8, minute: 10)).Select(b => (b.Epoch, b.Sequence)).ToList();

        Assert.Equal([(7L, 3L), (8L, 1L)], released);
        Assert.Empty(resequencer.Offer(Bar(2))); // the old activation's straggler
        Assert.Equal([2L], resequencer.Offer(Bar(2, epoch: 8, minute: 10)).Select(b => b.Sequence));
    }
}
