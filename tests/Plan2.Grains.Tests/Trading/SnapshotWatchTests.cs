using Plan2.Hosting.Trading;

namespace Plan2.Grains.Tests.Trading;

public class SnapshotWatchTests
{
    [Fact]
    public void RequestsOnTheirWayWhenAsked_AndSentSince_AreNamed_AndOnesAnsweredBeforeAreNot()
    {
        var watch = new SnapshotWatch();
        using (watch.Send("answered-before")) { }
        var onTheWay = watch.Send("on-the-way");

        watch.Asked(DateTimeOffset.UnixEpoch);
        using (watch.Send("sent-since")) { }
        onTheWay.Dispose();

        Assert.Equal(["on-the-way", "sent-since"], watch.Answered().Order());
    }

    [Fact]
    public void EachSnapshotStartsOver_AndWithoutAnAskNothingIsNamed()
    {
        var watch = new SnapshotWatch();
        watch.Asked(DateTimeOffset.UnixEpoch);
        using (watch.Send("o1")) { }
        Assert.Equal(["o1"], watch.Answered());

        using (watch.Send("o2")) { }
        Assert.Empty(watch.Answered()); // sent while no snapshot was asked for: the next one shows it
        watch.Asked(DateTimeOffset.UnixEpoch);
        Assert.Empty(watch.Answered());
    }

    [Fact]
    public void TwoRequestsForOneOrder_KeepItOnItsWay_UntilBothAreAnswered()
    {
        var watch = new SnapshotWatch();
        var place = watch.Send("o1");
        var cancel = watch.Send("o1");
        place.Dispose();

        watch.Asked(DateTimeOffset.UnixEpoch);
        Assert.Equal(["o1"], watch.Answered());
        cancel.Dispose();
        watch.Asked(DateTimeOffset.UnixEpoch);
        Assert.Empty(watch.Answered());
    }
}
