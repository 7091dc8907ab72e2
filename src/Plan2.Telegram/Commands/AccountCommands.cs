using System.Globalization;
using System.Text;
using Plan2.Abstractions.Telegram;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;
using static Plan2.Telegram.Commands.Args;

namespace Plan2.Telegram.Commands;

/// <summary>/positions, /pnl, /orders, /risk: the user's trading account as it is now.</summary>
public sealed class AccountCommands(TimeProvider clock)
{
    public async Task<Reply> PositionsAsync(ChatContext c, IReadOnlyList<string> args)
    {
        NoMoreThan(args, 0);
        var account = await RequireAccountAsync(c);
        if (account.Positions.Count == 0)
            return new Reply($"No open positions on {account.AccountId}.");
        var text = new StringBuilder($"Open positions on {account.AccountId}:\n");
        foreach (var p in account.Positions)
            text.Append(CultureInfo.InvariantCulture, $"#{p.Ticket} {p.Side.ToString().ToUpperInvariant()} {N(p.Quantity)} {p.Symbol} @ {N(p.AveragePrice)}{(p.StrategyId is { } s ? $" ({s})" : "")}\n");
        text.Append($"Unrealised P&L: {(account.UnrealizedPnl is { } u ? Money(u) : "no quotes")} {account.Currency}");
        return new Reply(text.ToString());
    }

    public async Task<Reply> PnlAsync(ChatContext c, IReadOnlyList<string> args)
    {
        var period = OneOf(args, 0, "day", "day", "week", "month");
        NoMoreThan(args, 1);
        var account = await RequireAccountAsync(c);
        var now = clock.GetUtcNow();
        var start = PeriodStart(period, now);
        // The period's P&L: what its fills realised, booked at their own times, plus how the open positions' value
        // moved since its start (marked then at the last stored quote): a position held across the start counts
        // only the move inside the period.
        var p = await c.Grains.GetGrain<IAccountGrain>(c.AccountKey).GetPeriodPnlAsync(start)
            ?? throw new CommandArgumentException($"Your tenant {c.Link.Tenant} has no open account '{c.AccountId}' yet.");
        var equity = account.Cash + (p.UnrealizedNow ?? 0m);
        var text = new StringBuilder($"P&L of {account.AccountId} at {now:HH:mm:ss} UTC ({account.Currency})\n");
        text.Append(CultureInfo.InvariantCulture, $"This {period} (since {start:ddd dd MMM} 00:00 UTC): {(p.Total is { } total ? Money(total) : Unknown(p))}\n");
        text.Append($"  realised {Money(p.NetRealized)} after commission {Money(-p.Commission)}, {p.Fills} fill(s)\n");
        text.Append($"  unrealised {Unrealized(p.UnrealizedNow)} now, {Unrealized(p.UnrealizedAtStart)} at the start{(p.UnrealizedChange is { } change ? $": change {Money(change)}" : "")}\n");
        text.Append($"All time: realised {Money(account.RealizedPnl)}, commission {Money(-account.Commission)}\n");
        text.Append($"Equity: {equity.ToString("#,##0.00", CultureInfo.InvariantCulture)} on deposits {account.Deposits.ToString("#,##0.00", CultureInfo.InvariantCulture)}");
        foreach (var s in account.Strategies)
            text.Append($"\n  {s.StrategyId}: realised {Money(s.NetRealizedPnl)}, unrealised {(s.UnrealizedPnl is { } su ? Money(su) : "-")}");
        return new Reply(text.ToString(), Reply.Refresh("pnl " + period));
    }

    public async Task<Reply> OrdersAsync(ChatContext c, IReadOnlyList<string> args)
    {
        NoMoreThan(args, 0);
        var account = await RequireAccountAsync(c);
        if (account.OpenOrders.Count == 0)
            return new Reply($"No working orders on {account.AccountId} ({account.OrdersPlaced} placed in all).");
        var orders = await Task.WhenAll(account.OpenOrders.Select(id => c.Grains.GetGrain<IOrderGrain>(c.OrderKey(id)).GetAsync()));
        var text = new StringBuilder($"Working orders on {account.AccountId}:\n");
        foreach (var o in orders.OfType<OrderView>())
            text.Append($"{o.ClientOrderId}: {o.Side.ToString().ToUpperInvariant()} {N(o.Quantity)} {o.Symbol} {o.Type}{(o.LimitPrice is { } l ? " @ " + N(l) : "")}{(o.TriggerPrice is { } t ? " stop " + N(t) : "")}, {o.State}, filled {N(o.FilledQuantity)}\n");
        return new Reply(text.ToString().TrimEnd());
    }

    public async Task<Reply> RiskAsync(ChatContext c, IReadOnlyList<string> args)
    {
        NoMoreThan(args, 0);
        var account = await RequireAccountAsync(c);
        var tenant = await c.Grains.GetGrain<ITenantGrain>(c.Link.Tenant).GetAsync();
        var l = account.Limits;
        var lots = account.Positions.GroupBy(p => p.Symbol).Select(g => Math.Abs(g.Sum(p => p.Side == TradeSide.Buy ? p.Quantity : -p.Quantity))).DefaultIfEmpty(0m).Max();
        var text = new StringBuilder($"Risk of {account.AccountId} (limits and use; '-' inherits the tenant's)\n");
        text.Append($"Kill switch: {(account.KillSwitch ? "ENGAGED" : "off")}\n");
        text.Append($"Open orders: {account.OpenOrders.Count} of {l.MaxOpenOrders?.ToString(CultureInfo.InvariantCulture) ?? tenant?.Settings.MaxOpenOrders.ToString(CultureInfo.InvariantCulture) ?? "-"}\n");
        text.Append($"Largest position: {N(lots)} lots of {Opt(l.MaxPositionLots)}\n");
        text.Append($"Gross exposure: {(account.GrossExposure is { } g ? N(Math.Round(g, 2)) : "no quotes")} of {Opt(l.MaxGrossExposure)}\n");
        text.Append($"Daily loss limit: {Opt(l.MaxDailyLoss)}\n");
        text.Append($"Per order: {Opt(l.MaxOrderLots)} lots, notional {Opt(l.MaxOrderNotional ?? tenant?.Settings.MaxOrderNotional)}");
        return new Reply(text.ToString());
    }

    public static async Task<AccountView> RequireAccountAsync(ChatContext c) =>
        await c.Grains.GetGrain<IAccountGrain>(c.AccountKey).GetAsync()
        ?? throw new CommandArgumentException($"Your tenant {c.Link.Tenant} has no open account '{c.AccountId}' yet.");

    private static DateTimeOffset PeriodStart(string period, DateTimeOffset now)
    {
        var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        return period switch
        {
            "week" => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)), // weeks start on Monday
            "month" => new DateTimeOffset(day.Year, day.Month, 1, 0, 0, 0, TimeSpan.Zero),
            _ => day,
        };
    }

    private static string Unknown(PeriodPnlView p) => p.UnrealizedAtStart is null
        ? "unknown: no stored quote before the start for a position held then"
        : "unknown: no quote now for an open position";

    private static string Unrealized(decimal? v) => v is { } x ? Money(x) : "no quote";

    private static string Opt(decimal? v) => v is { } x ? N(x) : "-";
}
