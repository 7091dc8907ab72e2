using Microsoft.Extensions.Time.Testing;
using Plan2.Core.MarketData;

namespace Plan2.Core.Tests.MarketData;

public class TickValidatorTests
{
    private static readonly DateTimeOffset Now = new(2024, 3, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly long T0 = Now.AddHours(-3).ToUnixTimeMilliseconds();

    private static TickValidator NewValidator() => new(TickValidationOptions.Default, new FakeTimeProvider(Now));

    private static Tick Quote(long timeMs, double mid) =>
        new(timeMs, Price.FromDouble(mid - 0.00005)!.Value, Price.FromDouble(mid + 0.00005)!.Value);

    /// <summary>A calm random walk of 200 ticks one second apart (seeded: the same every run).</summary>
    private static List<Tick> CalmWalk(TickValidator validator, out double lastMid)
    {
        var random = new Random(7);
        var mid = 1.1000;
        var ticks = new List<Tick>();
        for (var i = 0; i < 200; i++)
        {
            mid += (random.NextDouble() - 0.5) * 0.0002;
            var t = Quote(T0 + i * 1000, mid);
            Assert.Equal(TickRejectReason.None, validator.Validate(t));
            ticks.Add(t);
        }
        lastMid = mid;
        return ticks;
    }

    [Theory]
    [InlineData(double.NaN, 1.1, TickRejectReason.NotANumber)]
    [InlineData(1.1, double.NaN, TickRejectReason.NotANumber)]
    [InlineData(double.PositiveInfinity, 1.1, TickRejectReason.Infinite)]
    [InlineData(1.1, double.NegativeInfinity, TickRejectReason.Infinite)]
    [InlineData(0.0, 1.1, TickRejectReason.NonPositivePrice)]
    [InlineData(-1.1, 1.1, TickRejectReason.NonPositivePrice)]
    [InlineData(1.2, 1.1, TickRejectReason.BidAboveAsk)]
    public void Validate_BadNumbers_AreRejectedWithTheirReason(double bid, double ask, TickRejectReason expected)
    {
        var validator = NewValidator();

        Assert.Equal(expected, validator.Validate(T0, bid, ask, out _));
        Assert.Equal(1, validator.Rejected(expected));
        Assert.Equal(0, validator.Accepted);
    }

    [Fact]
    public void Validate_EarlierTimestamp_IsOutOfOrder_ButEqualTimeIsFine()
    {
        var validator = NewValidator();
        validator.Validate(Quote(T0 + 10, 1.1));

        Assert.Equal(TickRejectReason.None, validator.Validate(Quote(T0 + 10, 1.1)));
        Assert.Equal(TickRejectReason.OutOfOrder, validator.Validate(Quote(T0 + 9, 1.1)));
    }

    [Fact]
    public void Validate_BeyondTheFutureTolerance_IsRejected()
    {
        var validator = NewValidator();
        var now = Now.ToUnixTimeMilliseconds();

        Assert.Equal(TickRejectReason.None, validator.Validate(Quote(now + 4_000, 1.1)));
        Assert.Equal(TickRejectReason.InFuture, validator.Validate(Quote(now + 6_000, 1.1)));
    }

    [Fact]
    public void Validate_ATickThatWasInTheFuture_IsAcceptedOnceTheClockReachesIt()
    {
        var clock = new FakeTimeProvider(Now);
        var validator = new TickValidator(TickValidationOptions.Default, clock);
        var now = Now.ToUnixTimeMilliseconds();
        Assert.Equal(TickRejectReason.None, validator.Validate(Quote(now - 1_000, 1.1)));
        Assert.Equal(TickRejectReason.InFuture, validator.Validate(Quote(now + 6_000, 1.1)));

        clock.Advance(TimeSpan.FromSeconds(2)); // the validator reads the clock again, not a stale reading

        Assert.Equal(TickRejectReason.None, validator.Validate(Quote(now + 6_000, 1.1)));
        Assert.Equal(TickRejectReason.InFuture, validator.Validate(Quote(now + 8_000, 1.1)));
    }

    [Fact]
    public void Validate_ASingleSpike_IsRejected_AndTheFeedGoesOn()
    {
        var validator = NewValidator();
        CalmWalk(validator, out var mid);
        var next = T0 + 200_000;

        Assert.Equal(TickRejectReason.Spike, validator.Validate(Quote(next, mid * 1.02)));
        Assert.Equal(TickRejectReason.None, validator.Validate(Quote(next + 1000, mid)));
        Assert.Equal(1, validator.Rejected(TickRejectReason.Spike));
        Assert.Equal(201, validator.Accepted);
    }

    [Fact]
    public void Validate_ANewLevelConfirmedByConsecutiveTicks_IsAccepted()
    {
        var validator = NewValidator();
        CalmWalk(validator, out var mid);
        var next = T0 + 200_000;
        var jumped = mid * 1.02;

        var outcomes = Enumerable.Range(0, 4).Select(i => validator.Validate(Quote(next + i * 1000, jumped + i * 0.00001))).ToList();

        Assert.Equal([TickRejectReason.Spike, TickRejectReason.Spike, TickRejectReason.None, TickRejectReason.None], outcomes);
    }

    [Fact]
    public void Validate_AfterAWeekendGap_ABigOpeningMoveIsAccepted()
    {
        var validator = NewValidator();
        CalmWalk(validator, out var mid);

        Assert.Equal(TickRejectReason.None, validator.Validate(Quote(T0 + 200_000 + 3_600_000, mid * 1.02)));
    }

    [Fact]
    public void Validate_BeforeWarmUp_DoesNotJudgeSpikes()
    {
        var validator = NewValidator();
        validator.Validate(Quote(T0, 1.1));

        Assert.Equal(TickRejectReason.None, validator.Validate(Quote(T0 + 1, 1.2)));
    }

    [Fact]
    public void RejectedByReason_CountsEachReasonBySnakeCaseName()
    {
        var validator = NewValidator();
        validator.Validate(T0, double.NaN, 1, out _);
        validator.Validate(T0, double.NaN, 1, out _);
        validator.Validate(T0, 1.2, 1.1, out _);

        Assert.Equal(new Dictionary<string, long> { ["not_a_number"] = 2, ["bid_above_ask"] = 1 }, validator.RejectedByReason());
        Assert.Equal(3, validator.RejectedTotal);
    }
}
