using Plan2.Core.Risk;
using static Plan2.Core.Tests.Risk.RiskFixture;

namespace Plan2.Core.Tests.Risk;

public class SubmitRateWindowTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    /// <summary>Records submissions through the risk chain at the given clock times; returns how many were approved.</summary>
    private static int Submit(SubmitRateWindow window, RiskLimits limits, IEnumerable<DateTimeOffset> times) =>
        times.Count(t => RiskEngine.EvaluateAndRecord(Order(), Context(limits, window) with { Now = t, LastQuote = Plan2.Core.Tests.Trading.TestMarket.Quote("1.1", "1.1002", t) }).IsApproved);

    [Fact]
    public void EvaluateAndRecord_BurstOf150UnderDefaultLimit_ApprovesOneHundred()
    {
        var window = new SubmitRateWindow();
        var burst = Enumerable.Range(0, 150).Select(i => Now.AddMilliseconds(i)); // 150 orders within 150 ms

        Assert.Equal(100, Submit(window, RiskLimits.Default, burst));
        Assert.Equal(100, window.CountWithin(Now.AddMilliseconds(150), Second));
    }

    [Fact]
    public void WouldExceed_WindowSlides_FreesOneSlotPerExpiredSubmission()
    {
        var window = new SubmitRateWindow();
        Submit(window, RiskLimits.Default, Enumerable.Range(0, 100).Select(i => Now.AddMilliseconds(i * 10))); // 0, 10, …, 990 ms

        // At 999 ms all 100 are inside the last second; at 1,000 ms the one at 0 ms has left it (window is (now − 1 s, now]).
        Assert.True(window.WouldExceed(Now.AddMilliseconds(999), 100, Second));
        Assert.False(window.WouldExceed(Now.AddMilliseconds(1000), 100, Second));
        Assert.Equal(1, Submit(window, RiskLimits.Default, [Now.AddMilliseconds(1000), Now.AddMilliseconds(1001)]));
        Assert.Equal(1, Submit(window, RiskLimits.Default, [Now.AddMilliseconds(1010)])); // the one at 10 ms has now left
    }

    [Fact]
    public void EvaluateAndRecord_LimitRaisedAtRunTime_AllowsMoreAtOnce()
    {
        var window = new SubmitRateWindow();
        var burst = Enumerable.Range(0, 400).Select(i => Now.AddTicks(i)).ToArray();
        Assert.Equal(100, Submit(window, RiskLimits.Default, burst[..200]));

        var raised = RiskLimits.Default with { MaxSubmitsPerWindow = 300 };

        Assert.Equal(200, Submit(window, raised, burst[200..])); // 300 in the window in total
        Assert.Equal(300, window.CountWithin(Now.AddMilliseconds(1), Second));
    }

    [Fact]
    public void EvaluateAndRecord_LimitLoweredAtRunTime_DeniesUntilTheWindowHasRoom()
    {
        var window = new SubmitRateWindow();
        Submit(window, RiskLimits.Default, Enumerable.Range(0, 50).Select(i => Now.AddMilliseconds(i)));
        var lowered = RiskLimits.Default with { MaxSubmitsPerWindow = 10 };

        Assert.Equal(0, Submit(window, lowered, [Now.AddMilliseconds(100)]));
        Assert.True(window.WouldExceed(Now.AddMilliseconds(1039), 10, Second)); // the 10 newest (40…49 ms) still inside
        Assert.False(window.WouldExceed(Now.AddMilliseconds(1040), 10, Second));
    }

    [Fact]
    public void EvaluateAndRecord_OneMinuteWindow_CountsOverTheWholeMinute()
    {
        var window = new SubmitRateWindow();
        var limits = RiskLimits.Default with { MaxSubmitsPerWindow = 3, SubmitWindow = TimeSpan.FromMinutes(1) };

        Assert.Equal(3, Submit(window, limits, [Now, Now.AddSeconds(20), Now.AddSeconds(40), Now.AddSeconds(50)]));
        Assert.Equal(1, Submit(window, limits, [Now.AddSeconds(60)]));
    }
}
