using Microsoft.Extensions.Time.Testing;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Trading;
using static Plan2.Grains.Tests.Trading.TradingTestKit;

namespace Plan2.Grains.Tests.Trading.Clock;

/// <summary>
/// A period's P&amp;L counts price moves inside the period only: a position held across its start is marked at
/// the last stored quote before the start, and valued now at the current quote (not the last order's).
/// </summary>
[Collection(ClockCollection.Name)]
public class PeriodPnlTests(ClockClusterFixture fixture)
{
    private static FakeTimeProvider Clock => ClockClusterFixture.Clock;

    [Fact]
    public async Task PeriodPnl_PositionHeldAcrossTheStart_CountsOnlyTheMoveSinceTheStart()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        MoveToNext(DayOfWeek.Tuesday, new TimeOnly(10, 0));
        var day = new DateTimeOffset(Clock.GetUtcNow().UtcDateTime.Date.AddDays(1), TimeSpan.Zero); // Wednesday 00:00 UTC

        await RecordQuoteAsync(kit, "GBPUSD", 1.25000m, 1.25010m);
        var bought = (await kit.Account.PlaceOrderAsync(Market("pp-buy", TradeSide.Buy, 1m, "GBPUSD"))).Order!;
        Clock.SetUtcNow(day.AddMinutes(-1));
        await RecordQuoteAsync(kit, "GBPUSD", 1.25100m, 1.25110m); // the last quote before the day: the position's mark at its start
        Clock.SetUtcNow(day.AddHours(9));
        await RecordQuoteAsync(kit, "GBPUSD", 1.25300m, 1.25310m);
        var sold = (await kit.Account.PlaceOrderAsync(Market("pp-sell", TradeSide.Sell, 0.5m, "GBPUSD"))).Order!;
        await RecordQuoteAsync(kit, "GBPUSD", 1.25400m, 1.25410m); // no order after it: the account has not read this quote yet
        Assert.Equal((1.25010m, 1.25300m), (bought.Fills.Single().Price, sold.Fills.Single().Price));
        var buyCommission = bought.Fills.Single().Commission;
        var sellCommission = sold.Fills.Single().Commission;

        var today = (await kit.Account.GetPeriodPnlAsync(day))!;
        var sinceYesterday = (await kit.Account.GetPeriodPnlAsync(day.AddDays(-1)))!;

        // Today: 0.5 lot closed at 1.25300 realised 145.00 against its 1.25010 entry; held at the start it was worth
        // 1 lot × 100,000 × (1.25100 − 1.25010) = 90.00, now 0.5 lot × 100,000 × (1.25400 − 1.25010) = 195.00.
        Assert.Equal((145.00m, sellCommission, 1), (today.RealizedPnl, today.Commission, today.Fills));
        Assert.Equal((90.00m, 195.00m), (today.UnrealizedAtStart, today.UnrealizedNow));
        // Marked to market: 0.5 lot from 1.25100 to 1.25300 (100.00) and 0.5 lot from 1.25100 to 1.25400 (150.00).
        Assert.Equal(250.00m - sellCommission, today.Total);
        // From yesterday's start nothing was open: the whole trade's P&L is in it.
        Assert.Equal((0m, 195.00m), (sinceYesterday.UnrealizedAtStart, sinceYesterday.UnrealizedNow));
        Assert.Equal(340.00m - buyCommission - sellCommission, sinceYesterday.Total);
    }

    [Fact]
    public async Task PeriodPnl_NoStoredQuoteBeforeTheStart_LeavesTheTotalUnknown_NotWrong()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        MoveToNext(DayOfWeek.Tuesday, new TimeOnly(10, 0));
        var day = new DateTimeOffset(Clock.GetUtcNow().UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        await QuoteAsync(kit, "AUDUSD", 0.66000m, 0.66010m, record: false); // traded on, but never stored
        await kit.Account.PlaceOrderAsync(Market("nq-buy", TradeSide.Buy, 1m, "AUDUSD"));
        Clock.SetUtcNow(day.AddHours(1));
        await QuoteAsync(kit, "AUDUSD", 0.66100m, 0.66110m, record: false);

        var today = (await kit.Account.GetPeriodPnlAsync(day))!;

        Assert.Null(today.UnrealizedAtStart);
        Assert.Equal(90.00m, today.UnrealizedNow); // 1 lot × 100,000 × (0.66100 − 0.66010)
        Assert.Null(today.Total);
    }

    [Fact]
    public async Task PeriodPnl_AMonthAfterLongHeldPosition_IsExact_AndAStartBeyondAMonthIsRefused()
    {
        var kit = await new TradingTestKit(fixture.Cluster).OpenAsync();
        MoveToNext(DayOfWeek.Tuesday, new TimeOnly(10, 0));
        var opened = new DateTimeOffset(Clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        await RecordQuoteAsync(kit, "GBPUSD", 1.25000m, 1.25010m);
        await kit.Account.PlaceOrderAsync(Market("lh-buy", TradeSide.Buy, 1m, "GBPUSD"));
        var month = new DateTimeOffset(opened.Year, opened.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(2); // 32-62 days after the buy
        Clock.SetUtcNow(month.AddMinutes(-1));
        await RecordQuoteAsync(kit, "GBPUSD", 1.25100m, 1.25110m); // the mark at the month's start
        Clock.SetUtcNow(month.AddDays(14).AddHours(10));
        await RecordQuoteAsync(kit, "GBPUSD", 1.25200m, 1.25210m);
        await kit.Account.PlaceOrderAsync(Market("lh-sell", TradeSide.Sell, 0.5m, "GBPUSD")); // books a fill: the buy, 45+ days old, is folded

        var thisMonth = (await kit.Account.GetPeriodPnlAsync(month))!;

        // Held since long before the month: 1 lot × 100,000 × (1.25100 − 1.25010) = 90.00 at its start; 0.5 lot at 1.25200 now: 95.00.
        Assert.Equal((90.00m, 95.00m), (thisMonth.UnrealizedAtStart, thisMonth.UnrealizedNow));
        Assert.Equal(95.00m, thisMonth.RealizedPnl); // 0.5 lot × 100,000 × (1.25200 − 1.25010)
        // The fills before the last 31 days are no longer kept one by one: such a start is refused, not answered wrongly.
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => kit.Account.GetPeriodPnlAsync(opened));
    }

    /// <summary>Moves the clock forward to the next <paramref name="day"/> at <paramref name="time"/> UTC.</summary>
    private static void MoveToNext(DayOfWeek day, TimeOnly time)
    {
        var now = Clock.GetUtcNow();
        var at = new DateTimeOffset(DateOnly.FromDateTime(now.UtcDateTime), time, TimeSpan.Zero);
        while (at <= now || at.DayOfWeek != day)
            at = at.AddDays(1);
        Clock.SetUtcNow(at);
    }

    private static Task RecordQuoteAsync(TradingTestKit kit, string symbol, decimal bid, decimal ask) => QuoteAsync(kit, symbol, bid, ask, record: true);

    /// <summary>One tick stamped with the simulated clock (a millisecond on, so each is newer than the last), stored if asked.</summary>
    private static async Task QuoteAsync(TradingTestKit kit, string symbol, decimal bid, decimal ask, bool record)
    {
        Clock.Advance(TimeSpan.FromMilliseconds(1));
        var now = Clock.GetUtcNow().ToUnixTimeMilliseconds();
        await kit.Grains.GetGrain<IInstrumentGrain>(symbol).PublishTicksAsync(new TickBatch(symbol, now, [now], [(double)bid], [(double)ask], Record: record));
        Assert.Equal(now, (await kit.Grains.GetGrain<IInstrumentGrain>(symbol).GetQuoteAsync())!.Quote.TimeUnixMs);
    }
}
