using Microsoft.Extensions.Time.Testing;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Trading;
using Plan2.Core.Risk;
using static Plan2.Grains.Tests.Trading.TradingTestKit;

namespace Plan2.Grains.Tests.Trading.Clock;

/// <summary>
/// The daily loss limit measures the day: a position carried into it counts from its mark at the day's start (the
/// last stored quote before midnight UTC), not with the whole loss or gain it had run up before.
/// </summary>
[Collection(ClockCollection.Name)]
public class DailyLossTests(ClockClusterFixture fixture)
{
    private static FakeTimeProvider Clock => ClockClusterFixture.Clock;

    [Fact]
    public async Task DailyLoss_OfACarriedPosition_CountsOnlyItsMoveSinceTheDayStarted()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync(limits: new AccountLimits(MaxDailyLoss: 500m));
        var day = new DateTimeOffset(Clock.GetUtcNow().AddHours(9).UtcDateTime.Date.AddDays(1), TimeSpan.Zero); // a midnight UTC over 9 h ahead
        Clock.SetUtcNow(day.AddHours(-8));
        await QuoteAsync(kit, "GBPUSD", 1.25000m, 1.25010m);
        await kit.Account.PlaceOrderAsync(Market("dl-carried", TradeSide.Buy, 1m, "GBPUSD"));
        Clock.SetUtcNow(day.AddMinutes(-1));
        await QuoteAsync(kit, "GBPUSD", 1.24000m, 1.24010m); // −1,010.00 by midnight: yesterday's loss
        Clock.SetUtcNow(day.AddHours(9));
        await QuoteAsync(kit, "GBPUSD", 1.23900m, 1.23910m); // today: −100.00 more
        await QuoteAsync(kit, "EURUSD", 1.10000m, 1.10010m);

        var withinTheDay = await kit.Account.PlaceOrderAsync(Market("dl-1", TradeSide.Buy, 0.1m));

        Assert.False(withinTheDay.IsRefused, $"{withinTheDay.RefusalCode}: {withinTheDay.Message}");
        await QuoteAsync(kit, "GBPUSD", 1.23400m, 1.23410m); // today: −600.00 on the carried lot, past the limit
        await QuoteAsync(kit, "EURUSD", 1.10000m, 1.10010m);
        var pastTheLimit = await kit.Account.PlaceOrderAsync(Market("dl-2", TradeSide.Buy, 0.1m));
        Assert.Equal(nameof(RiskReason.MaxDailyLoss), pastTheLimit.RefusalCode);
    }

    /// <summary>One stored tick stamped with the simulated clock (a millisecond on, so each is newer than the last).</summary>
    private static async Task QuoteAsync(TradingTestKit kit, string symbol, decimal bid, decimal ask)
    {
        Clock.Advance(TimeSpan.FromMilliseconds(1));
        var now = Clock.GetUtcNow().ToUnixTimeMilliseconds();
        await kit.Grains.GetGrain<IInstrumentGrain>(symbol).PublishTicksAsync(new TickBatch(symbol, now, [now], [(double)bid], [(double)ask]));
    }
}
