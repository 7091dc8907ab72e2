using Plan2.Core.Risk;

namespace Plan2.Core.Tests.Risk;

public class TradingHoursTests
{
    private static DateTimeOffset At(int day, int hour, int minute) => new(2026, 3, day, hour, minute, 0, TimeSpan.Zero); // 1 March 2026 is a Sunday

    [Theory]
    [InlineData(1, 21, 59, false)] // Sunday before the open
    [InlineData(1, 22, 0, true)]   // Sunday open
    [InlineData(4, 10, 0, true)]   // Wednesday
    [InlineData(6, 21, 59, true)]  // Friday before the close
    [InlineData(6, 22, 0, false)]  // Friday close (exclusive)
    [InlineData(7, 12, 0, false)]  // Saturday
    public void IsOpen_ForexWeek_OpenSundayEveningToFridayEvening(int day, int hour, int minute, bool open) =>
        Assert.Equal(open, TradingHours.ForexWeek.IsOpen(At(day, hour, minute)));

    [Fact]
    public void IsOpen_SessionWrappingTheWeekend_CoversBothEnds()
    {
        var hours = new TradingHours([new WeeklySession(DayOfWeek.Saturday, new TimeOnly(20, 0), DayOfWeek.Sunday, new TimeOnly(4, 0))]);

        Assert.True(hours.IsOpen(At(7, 23, 0)));  // Saturday night
        Assert.True(hours.IsOpen(At(1, 3, 59)));  // early Sunday
        Assert.False(hours.IsOpen(At(1, 4, 0)));
        Assert.False(hours.IsOpen(At(4, 12, 0)));
    }

    [Fact]
    public void IsOpen_SeveralDailySessions_OpenOnlyInside()
    {
        var hours = new TradingHours(Enumerable.Range(1, 5).Select(d =>
            new WeeklySession((DayOfWeek)d, new TimeOnly(8, 0), (DayOfWeek)d, new TimeOnly(16, 30))));

        Assert.True(hours.IsOpen(At(4, 16, 29)));
        Assert.False(hours.IsOpen(At(4, 16, 30)));
        Assert.False(hours.IsOpen(At(4, 7, 59)));
    }

    [Fact]
    public void IsOpen_LocalOffset_IsReadInUtc() =>
        Assert.False(TradingHours.ForexWeek.IsOpen(new DateTimeOffset(2026, 3, 6, 23, 30, 0, TimeSpan.FromHours(1)))); // 22:30 UTC Friday

    [Fact]
    public void IsOpen_Always_IsOpenOnSaturday() => Assert.True(TradingHours.Always.IsOpen(At(7, 12, 0)));

    [Theory]
    [InlineData(4, 10, 0, 4, 22, 0)]  // Wednesday: that day's roll
    [InlineData(4, 21, 59, 4, 22, 0)] // a minute before it
    [InlineData(4, 22, 0, 5, 22, 0)]  // at the roll: the next trading day
    [InlineData(1, 23, 0, 2, 22, 0)]  // Sunday evening opens Monday's day
    [InlineData(6, 23, 0, 9, 22, 0)]  // Friday after the close: the first day of next week
    [InlineData(7, 12, 0, 9, 22, 0)]  // Saturday: likewise
    public void DayEnd_ForexDays_IsTheRollThatEndsTheTradingDay(int day, int hour, int minute, int endDay, int endHour, int endMinute)
    {
        var end = TradingHours.ForexDays.DayEnd(At(day, hour, minute).AddSeconds(17));

        Assert.Equal(At(endDay, endHour, endMinute), end);
    }

    [Fact]
    public void DayEnd_SeveralDailySessions_IsTheCloseOfTheSessionPlacedIn_OrOfTheNextOne()
    {
        var hours = new TradingHours(Enumerable.Range(1, 5).Select(d =>
            new WeeklySession((DayOfWeek)d, new TimeOnly(8, 0), (DayOfWeek)d, new TimeOnly(16, 30))));

        Assert.Equal(At(4, 16, 30), hours.DayEnd(At(4, 9, 0)));
        Assert.Equal(At(5, 16, 30), hours.DayEnd(At(4, 17, 0))); // after the close: tomorrow's session
        Assert.Equal(At(9, 16, 30), hours.DayEnd(At(7, 12, 0))); // Saturday: next Monday's
    }

    [Fact]
    public void DayEnd_Always_IsTheNextMidnightUtc() =>
        Assert.Equal(At(5, 0, 0), TradingHours.Always.DayEnd(new DateTimeOffset(2026, 3, 4, 23, 30, 0, TimeSpan.FromHours(-2)).AddHours(-3))); // 22:30 UTC Wednesday
}
