using Plan2.Core.Trading.Accounts;

namespace Plan2.Core.Tests.Trading;

public sealed class RealizedByDayTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Since_CountsOnlyTheFillsFromThatDayOn_EachOnItsOwnUtcDay()
    {
        var days = new RealizedByDay();
        days.Add(Monday.AddMinutes(-1), 500m, 7m);                  // Sunday 23:59 UTC: last week
        days.Add(Monday.AddHours(9), 120m, 3.5m);
        days.Add(new DateTimeOffset(2026, 12, 2, 1, 0, 0, TimeSpan.FromHours(3)), -20m, 3.5m); // Tue 22:00 UTC, Wednesday in Moscow

        Assert.Equal(new RealizedTotals(100m, 7m, 2), days.Since(Monday));
        Assert.Equal(93m, days.Since(Monday).Net);
        Assert.Equal(new RealizedTotals(-20m, 3.5m, 1), days.Since(Monday.AddDays(1)));
        Assert.Equal(new RealizedTotals(0m, 0m, 0), days.Since(Monday.AddDays(2)));
        Assert.Equal(new RealizedTotals(600m, 14m, 3), days.Since(Monday.AddDays(-7)));
    }

    [Fact]
    public void Since_ATimeInsideADay_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new RealizedByDay().Since(Monday.AddHours(5)));
        Assert.Contains("00:00 UTC", e.Message);
    }
}
