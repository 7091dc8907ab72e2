using Microsoft.Extensions.Logging;
using Plan2.Abstractions.MarketData;

namespace Plan2.Grains.Trading.Venues;

// Time without ticks. An alarm on the injected clock rings at the earliest DAY/GTD expiry, so an order ends
// on time in a quiet market or over the weekend (a tick at or after the expiry still ends it first). A
// reminder wakes the book while orders rest: when its silo goes, the ticks' subscription goes with it and
// nothing else would call the book; a new activation rests its orders again and listens.
public sealed partial class PaperBookGrain : IRemindable
{
    private const string WakeReminder = "wake";
    private static readonly TimeSpan LongestAlarm = TimeSpan.FromDays(1); // a timer's due time has a ceiling; ringing early re-arms
    private ITimer? _alarm;
    private DateTimeOffset? _alarmAt;
    private readonly SemaphoreSlim _waking = new(1, 1);
    private bool? _awake; // whether the wake reminder is registered; null while not known (a new activation, a failed change)

    async Task IPaperBookGrain.ExpireDueAsync()
    {
        DisarmExpiry(); // this ring is spent
        ExpireOverdue();
        if (_events.Count > 0)
            await DeliverAsync(_ => null);
        ArmExpiry();
        if (_venue.WorkingCount == 0)
            await StopListeningAsync();
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        // Activation has rested the orders and subscribed; a long-lived activation renews its subscription here too.
        if (_venue.WorkingCount == 0)
            await StopListeningAsync();
        await KeepWakeAsync();
        if (_venue.WorkingCount > 0)
            await ListenAsync(CancellationToken.None);
    }

    /// <summary>Orders rest, reports wait to be delivered, or orders have not answered: all need the book back after its silo goes.</summary>
    private bool NeedsWaking => _venue.WorkingCount > 0 || _undelivered.Count > 0 || _unanswered.Count > 0;

    private void ExpireOverdue() => _venue.ExpireDue(clock.GetUtcNow(), _events);

    /// <summary>Sets the alarm for the earliest expiry now resting, if it moved.</summary>
    private void ArmExpiry()
    {
        var next = _venue.NextExpiry;
        if (next == _alarmAt && (_alarm is not null || next is null))
            return;
        DisarmExpiry();
        if (next is not { } at)
            return;
        _alarmAt = at;
        var due = at - clock.GetUtcNow();
        due = due < TimeSpan.Zero ? TimeSpan.Zero : due > LongestAlarm ? LongestAlarm : due;
        var self = this.AsReference<IPaperBookGrain>();
        // The clock's timer rings off the grain's turn: it only sends the book a message, handled in turn.
        _alarm = clock.CreateTimer(_ => self.ExpireDueAsync().Ignore(), null, due, Timeout.InfiniteTimeSpan);
    }

    private void DisarmExpiry()
    {
        _alarm?.Dispose();
        (_alarm, _alarmAt) = (null, null);
    }

    /// <summary>
    /// Brings the wake reminder in line with the book: registered while an order rests, gone once none does.
    /// Every path that rests or lets go of orders ends here, whether or not the book still listens (a ring that
    /// found nothing resting used to leave the book listening but unwoken, and the next rest never woke it).
    /// One change at a time, each deciding on the book as it stands when its turn comes: a rest that arrives
    /// while the reminder is being removed registers it again right after. A failed change is logged and
    /// retried on the next rest, renewal or ring; the order is stored and worked by this activation meanwhile.
    /// </summary>
    private async Task KeepWakeAsync()
    {
        await _waking.WaitAsync();
        try
        {
            if (NeedsWaking)
            {
                if (_awake is not true)
                {
                    _awake = null; // unknown until the reminder service answered
                    await this.RegisterOrUpdateReminder(WakeReminder, wake.WakeEvery, wake.WakeEvery);
                    _awake = true;
                }
            }
            else if (_awake is not false)
            {
                _awake = null;
                if (await this.GetReminder(WakeReminder) is { } reminder)
                    await this.UnregisterReminder(reminder);
                _awake = false;
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Paper book {Symbol}: its wake reminder could not be {Change}; retried on the next rest, renewal or ring",
                Symbol, NeedsWaking ? "registered" : "removed");
        }
        finally
        {
            _waking.Release();
        }
    }
}
