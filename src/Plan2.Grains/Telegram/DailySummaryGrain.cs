using System.Globalization;
using Plan2.Abstractions.Telegram;
using Plan2.Abstractions.Trading;

namespace Plan2.Grains.Telegram;

/// <summary>
/// Builds each linked user's summary from their account (equity, realised and unrealised P&amp;L, open
/// positions and orders) and queues it in the outbox, silent or with sound as the user chose.
/// </summary>
public sealed class DailySummaryGrain(TimeProvider clock) : Grain, IDailySummaryGrain, IRemindable
{
    private const string Reminder = "daily-summary:"; // + the account id: the reminder alone carries what to run

    async Task IDailySummaryGrain.ScheduleAsync(TimeSpan utcTimeOfDay, string accountId)
    {
        if (utcTimeOfDay < TimeSpan.Zero || utcTimeOfDay >= TimeSpan.FromDays(1))
            throw new ArgumentException($"A time of day is from 00:00 to 23:59, not {utcTimeOfDay}.", nameof(utcTimeOfDay));
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        var now = clock.GetUtcNow();
        var next = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) + utcTimeOfDay;
        if (next <= now)
            next = next.AddDays(1);
        await this.RegisterOrUpdateReminder(Reminder + accountId, next - now, TimeSpan.FromDays(1));
    }

    Task<int> IDailySummaryGrain.RunAsync(string accountId) => RunAsync(accountId);

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName.StartsWith(Reminder, StringComparison.Ordinal) ? RunAsync(reminderName[Reminder.Length..]) : Task.CompletedTask;

    private async Task<int> RunAsync(string accountId)
    {
        var links = await GrainFactory.GetGrain<ITelegramDirectoryGrain>(ITelegramDirectoryGrain.Key).LinksAsync(null);
        var wanted = links.Where(l => l.ModeFor(NotificationKind.DailySummary) != NotificationMode.Off).ToList();
        var accounts = await Task.WhenAll(wanted.Select(l => GrainFactory.GetGrain<IAccountGrain>($"{l.Tenant}/{accountId}").GetAsync()));
        var messages = wanted.Select((l, i) => new OutboxMessage(l.ChatId, NotificationKind.DailySummary, Describe(l, accounts[i]),
            l.ModeFor(NotificationKind.DailySummary) == NotificationMode.Silent, l.Tenant)).ToList();
        await GrainFactory.GetGrain<ITelegramOutboxGrain>(ITelegramOutboxGrain.Key).EnqueueAsync(messages);
        return messages.Count;
    }

    private static string Describe(TelegramLink link, AccountView? a)
    {
        if (a is null)
            return $"📋 Daily summary for {link.User} of {link.Tenant}: no open trading account yet.";
        var equity = a.Cash + (a.UnrealizedPnl ?? 0m);
        return string.Create(CultureInfo.InvariantCulture,
            $"📋 Daily summary of {a.AccountId} ({link.Tenant}): equity {equity:#,##0.00} {a.Currency}, realised {a.RealizedPnl:+#,##0.00;-#,##0.00;0.00}, " +
            $"unrealised {(a.UnrealizedPnl is { } u ? u.ToString("+#,##0.00;-#,##0.00;0.00", CultureInfo.InvariantCulture) : "no quotes")}, " +
            $"{a.Positions.Count} open positions, {a.OpenOrders.Count} working orders, {a.OrdersPlaced} orders in all, kill switch {(a.KillSwitch ? "ENGAGED" : "off")}.");
    }
}
