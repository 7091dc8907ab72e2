using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Trading;
using Plan2.Grains.Trading.Venues;
using static Plan2.Grains.Tests.Trading.TradingTestKit;

namespace Plan2.Grains.Tests.Trading.Clock;

/// <summary>
/// DAY and GTD orders resting at the paper broker end at their time although no tick comes (a quiet market,
/// the weekend): the paper book's alarm on the silo's clock, which these tests move by hand.
/// </summary>
[Collection(ClockCollection.Name)]
public class RestingExpiryTests(ClockClusterFixture fixture)
{
    private static Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock => ClockClusterFixture.Clock;

    [Fact]
    public async Task GtdLimit_ExpiresAtItsTime_WithNoTickAfterIt()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        await QuoteAsync(kit, "USDCHF", 0.90000m, 0.90020m);
        var expiry = Clock.GetUtcNow().AddMinutes(10);
        var gtd = Limit("gtd-quiet", TradeSide.Buy, 1m, 0.89000m, "USDCHF") with { TimeInForce = TradeTimeInForce.Gtd, ExpireAt = expiry };
        var placed = (await kit.Account.PlaceOrderAsync(gtd)).Order!;
        Assert.Equal(OrderState.Accepted, placed.State);

        Clock.Advance(TimeSpan.FromMinutes(9));
        await Task.Delay(300);
        Assert.Equal(OrderState.Accepted, (await kit.OrderAsync(placed.OrderId)).State);
        Clock.Advance(TimeSpan.FromMinutes(1));

        var expired = await kit.WaitForOrderAsync(placed.OrderId, o => o.State == OrderState.Expired);
        Assert.Equal(OrderState.Expired, expired.State);
        Assert.Equal(("expired", expiry, Actor.Venue), (expired.Audit[^1].Event, expired.Audit[^1].At, expired.Audit[^1].By));
        Assert.DoesNotContain(placed.OrderId, await kit.Grains.GetGrain<IPaperBookGrain>("USDCHF").GetRestingAsync());
        Assert.Empty((await kit.WaitForAccountAsync(a => a.OpenOrders.Count == 0)).OpenOrders);
    }

    [Fact]
    public async Task DayLimit_EndsWithTheInstrumentsTradingDay_At22Utc_NotAtMidnight()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        MoveTo(DayOfWeek.Wednesday, new TimeOnly(21, 30));
        var roll = Clock.GetUtcNow().AddMinutes(30); // FX trading days roll at 22:00 UTC
        await QuoteAsync(kit, "USDCAD", 1.35000m, 1.35020m);
        var day = Limit("day-1", TradeSide.Sell, 1m, 1.36000m, "USDCAD") with { TimeInForce = TradeTimeInForce.Day };
        var outcome = await kit.Account.PlaceOrderAsync(day);
        Assert.True(outcome.Order is { State: OrderState.Accepted }, $"{outcome.RefusalCode}: {outcome.Message}");
        var placed = outcome.Order!;

        Clock.Advance(TimeSpan.FromMinutes(29));
        await Task.Delay(300);
        Assert.Equal(OrderState.Accepted, (await kit.OrderAsync(placed.OrderId)).State);
        Clock.Advance(TimeSpan.FromMinutes(1));

        var expired = await kit.WaitForOrderAsync(placed.OrderId, o => o.State == OrderState.Expired);
        Assert.Equal((OrderState.Expired, roll), (expired.State, expired.Audit[^1].At));
    }

    /// <summary>Moves the clock forward to the next <paramref name="day"/> at <paramref name="time"/> UTC.</summary>
    private static void MoveTo(DayOfWeek day, TimeOnly time)
    {
        var now = Clock.GetUtcNow();
        var at = new DateTimeOffset(DateOnly.FromDateTime(now.UtcDateTime), time, TimeSpan.Zero);
        while (at <= now || at.DayOfWeek != day)
            at = at.AddDays(1);
        Clock.SetUtcNow(at);
    }

    /// <summary>One tick stamped with the simulated clock (a millisecond on, so each is newer than the last).</summary>
    private static async Task QuoteAsync(TradingTestKit kit, string symbol, decimal bid, decimal ask)
    {
        Clock.Advance(TimeSpan.FromMilliseconds(1));
        var now = Clock.GetUtcNow().ToUnixTimeMilliseconds();
        await kit.Grains.GetGrain<IInstrumentGrain>(symbol).PublishTicksAsync(new TickBatch(symbol, now, [now], [(double)bid], [(double)ask], Record: false));
        Assert.Equal(now, (await kit.Grains.GetGrain<IInstrumentGrain>(symbol).GetQuoteAsync())!.Quote.TimeUnixMs);
    }

}
