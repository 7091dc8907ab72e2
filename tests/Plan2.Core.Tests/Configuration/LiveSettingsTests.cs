using Microsoft.Extensions.Time.Testing;
using Plan2.Core.MarketData;
using Plan2.Core.Strategies;
using Plan2.Core.Tests.Strategies;
using Plan2.Core.Tests.Trading;

namespace Plan2.Core.Tests.Configuration;

/// <summary>Settings replaced on a running object apply from the next input, without rebuilding it.</summary>
public class LiveSettingsTests
{
    [Fact]
    public void AiStrategy_RetunedThreshold_AppliesFromTheNextBar()
    {
        var settings = new StrategySettings { StrategyId = "S1", Symbol = "EURUSD", Lots = 1m };
        var s = new AiStrategy(settings, new AiStrategySettings { LongAbove = 0.9 }, TestMarket.EurUsd);
        var t0 = StrategyTests.Bar(0, "1.10000");
        Assert.False(s.OnBar(t0, new Prediction(t0.Candle.OpenTimeMs, 0.6, 1.0)));

        s.Thresholds = new AiStrategySettings { LongAbove = 0.55 };

        var t1 = StrategyTests.Bar(1, "1.10000");
        Assert.True(s.OnBar(t1, new Prediction(t1.Candle.OpenTimeMs, 0.6, 1.0)));
        Assert.Equal(1m, s.TargetLots);
    }

    [Fact]
    public void AiStrategy_InvalidThreshold_IsRefused_AndTheOldOneStays()
    {
        var s = new AiStrategy(new StrategySettings { StrategyId = "S1", Symbol = "EURUSD" }, new AiStrategySettings(), TestMarket.EurUsd);
        Assert.Throws<ArgumentException>(() => s.Thresholds = new AiStrategySettings { LongAbove = 0.4 });
        Assert.Equal(0.53, s.Thresholds.LongAbove);
    }

    [Fact]
    public void TickValidator_NewFutureTolerance_AppliesFromTheNextTick()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
        var validator = new TickValidator(TickValidationOptions.Default, clock);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        Assert.Equal(TickRejectReason.None, validator.Validate(now + 3_000, 1.1, 1.1001, out _)); // 3 s ahead: within the default 5 s

        validator.Options = TickValidationOptions.Default with { FutureTolerance = TimeSpan.FromSeconds(1) };

        Assert.Equal(TickRejectReason.InFuture, validator.Validate(now + 3_500, 1.1, 1.1001, out _));
        Assert.Throws<ArgumentException>(() => validator.Options = TickValidationOptions.Default with { GapReset = TimeSpan.Zero });
        Assert.Equal(TimeSpan.FromSeconds(1), validator.Options.FutureTolerance);
    }
}
