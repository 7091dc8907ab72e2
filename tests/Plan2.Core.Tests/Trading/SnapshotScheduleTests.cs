using Plan2.Core.Trading.Accounts;

namespace Plan2.Core.Tests.Trading;

/// <summary>A running account tries a snapshot every so many changes, and after a try no sooner than the settle time.</summary>
public sealed class SnapshotScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ATryThatStoredNothing_WaitsTheSettleTime_NotTheNextChange()
    {
        var schedule = new SnapshotSchedule(every: 3, settle: TimeSpan.FromSeconds(30));
        Assert.Equal([false, false, true], [schedule.Changed(T0), schedule.Changed(T0), schedule.Changed(T0)]);
        schedule.Tried(T0); // nothing settled yet: the count stays

        // An account trading fast: every change after the third would try again without the wait.
        for (var s = 1; s < 30; s++)
            Assert.False(schedule.Changed(T0.AddSeconds(s)));
        Assert.True(schedule.Changed(T0.AddSeconds(30)));
        Assert.Equal(33, schedule.Changes);
    }

    [Fact]
    public void AStoredSnapshot_StartsTheCountAgain_AndAReplayCountsItsEntries()
    {
        var schedule = new SnapshotSchedule(every: 3, settle: TimeSpan.FromSeconds(30));
        schedule.Replayed(5);
        Assert.True(schedule.Due);
        schedule.Stored();
        Assert.False(schedule.Due);
        var later = T0.AddMinutes(5);
        Assert.Equal([false, false, true], [schedule.Changed(later), schedule.Changed(later), schedule.Changed(later)]);
    }
}
