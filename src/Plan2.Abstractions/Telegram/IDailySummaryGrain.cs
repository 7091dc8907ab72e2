namespace Plan2.Abstractions.Telegram;

/// <summary>The daily summary, once a day at a set UTC time for the whole platform (key "telegram").</summary>
[Alias("plan2.IDailySummaryGrain")]
public interface IDailySummaryGrain : IGrainWithStringKey
{
    public const string Key = "telegram";

    /// <summary>Runs the summary every day at this UTC time of day (a durable reminder: one run per day, whichever process asked).</summary>
    [Alias("Schedule")] Task ScheduleAsync(TimeSpan utcTimeOfDay, string accountId);

    /// <summary>Queues today's summary for every chat that wants it; returns how many were queued.</summary>
    [Alias("Run")] Task<int> RunAsync(string accountId);
}
