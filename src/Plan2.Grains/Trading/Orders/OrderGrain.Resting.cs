using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Plan2.Abstractions.Trading;
using Plan2.Core.Trading.Orders;
using Plan2.Grains.Trading.Accounts;
using Plan2.Grains.Trading.Venues;

namespace Plan2.Grains.Trading.Orders;

// Orders that rest at the paper broker: what its arrival quote left is handed to the symbol's paper book,
// which reports later triggers, fills and expiries here; each is applied, journaled and then booked by the account.
// The hand-over comes after the order is journaled and may fail (the book's store down, its silo gone): the order
// then retries it itself, on a timer while this activation lives and on a reminder that outlives it, until it rests
// or no longer works. Resting again is harmless: the book keeps the newest terms it was given (by journal sequence).
public sealed partial class OrderGrain : IVenueReportSink, IRemindable
{
    private const string ReportInFlight = "The paper broker is reporting a fill or expiry of this order; ask again once it is booked.";
    private const string RestReminder = "rest";
    private static readonly TimeSpan RestRetryEvery = TimeSpan.FromSeconds(1);
    private const int RestFailuresToWarn = 5; // retries that failed in a row before an operator is told (once, not every second)
    private IGrainTimer? _restRetry;
    private int _restFailures; // retries of this activation that failed since the order last rested
    private bool _restReminded; // this activation registered the reminder (a new activation learns of it when it rings)

    Task IVenueReportSink.OnVenueReportsAsync(IReadOnlyList<PaperBookReport> reports) => GuardedAsync(async () =>
    {
        await LoadAsync();
        if (_history is not { } history)
            return false;
        var repeated = false;
        foreach (var report in reports)
        {
            var e = report.ToEvent(OrderId);
            // An order that closed meanwhile (cancelled by its owner) refuses the report: nothing to book.
            var result = history.Record(e, Actor.Venue, Describe(e), report.Quote);
            repeated |= result.Reason == OrderRefusalReason.DuplicateTrade;
            if (!result.IsOk && result.Reason != OrderRefusalReason.DuplicateTrade && !history.Order.Status.IsClosed())
                logger.LogWarning("Order {OrderId}: the paper book's report was refused: {Result}", OrderId, result);
        }
        // A report sent again after its answer was lost may be journaled already: the account is told again (it books
        // each fill once), since the lost answer may have been the account's.
        if (history.Pending.Count == 0 && !repeated)
            return false;
        await CommitAsync();
        await GrainFactory.Reference<IAccountBooking>(OrderKeys.Account(Tenant, history.AccountId)).AbsorbOrderAsync(history.ToView());
        return true;
    });

    async Task<RestingTicket?> IVenueReportSink.GetRestingAsync()
    {
        // Terms only as journaled. A change still uncommitted (this call interleaves with it) is waited out: answering
        // "not working" meanwhile made the book drop the order, and if the change then failed before its rest reminder
        // was registered, the order stayed working in no book. A change that waits on the asking book itself (a cancel's
        // withdraw while the book activates) cannot settle: after a second the book is told to ask again (a failure, so
        // ErrorDNA counts it too; it takes a change stuck for a second while its book asks, which the journal's own
        // errors already tell).
        await LoadAsync();
        for (var started = Stopwatch.GetTimestamp(); _history is { Pending.Count: > 0 };)
        {
            if (Stopwatch.GetElapsedTime(started) >= ChangeSettlesWithin)
                throw new TimeoutException($"Order '{OrderId}' is changing; ask for its terms again.");
            await Task.Delay(ChangeSettlesPoll);
            await LoadAsync(); // a failed change dropped the history: read back what is journaled
        }
        return Venue.IsSimulated && _history is { } history && history.Order.Status.IsWorking()
            ? Resting(history)
            : null;
    }

    private static readonly TimeSpan ChangeSettlesPoll = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan ChangeSettlesWithin = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A paper order that is still working after its (journaled) venue answer rests in its symbol's book, on its terms now.
    /// If the book cannot be reached the answer stands (the order is placed) and the order keeps trying on its own.
    /// </summary>
    private async Task RestIfWorkingAsync()
    {
        if (!Venue.IsSimulated || _history is not { } history)
            return;
        if (history.Order.Status.IsWorking())
        {
            try
            {
                await Book(history.Order).RestAsync(Resting(history));
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Order {OrderId}: the paper book of {Symbol} could not be reached; the order retries resting there", OrderId, history.Order.Symbol);
                await RetryRestLaterAsync();
                return;
            }
        }
        // Rested (or done). Awaited, not left running beside later calls: a cancel or replace arriving meanwhile would
        // find the reminder still noted as registered, skip registering it, and then lose it to this removal.
        if (_restReminded && _restRetry is null)
            await ForgetRestReminderAsync();
    }

    /// <summary>
    /// Registers the rest reminder before a paper order's resting changes durably (placed, or withdrawn for a cancel or
    /// replace): a silo lost between that commit and the book's answer leaves the reminder to rest it on its journaled terms.
    /// </summary>
    private async Task RemindToRestAsync()
    {
        if (!Venue.IsSimulated || _restReminded || _history?.Order.Status.IsWorking() != true)
            return;
        await this.RegisterOrUpdateReminder(RestReminder, wake.WakeEvery, wake.WakeEvery);
        _restReminded = true;
    }

    private async Task ForgetRestReminderAsync()
    {
        try
        {
            if (await this.GetReminder(RestReminder) is { } reminder)
                await this.UnregisterReminder(reminder);
            _restReminded = false;
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Order {OrderId}: its rest reminder could not be removed now; its next ring finds nothing to do and removes it", OrderId);
        }
    }

    /// <summary>One retry (the timer's or the reminder's): rests the order if it still works, then stops retrying; else tries again later.</summary>
    private async Task RetryRestAsync()
    {
        try
        {
            await LoadAsync();
            if (Venue.IsSimulated && _history is { } history && history.Order.Status.IsWorking())
                await Book(history.Order).RestAsync(Resting(history));
        }
        catch (Exception e)
        {
            if (++_restFailures == RestFailuresToWarn)
                logger.LogWarning(e, "Order {OrderId}: still not resting at the paper book of {Symbol} after {Failures} retries; it keeps retrying every {Every}",
                    OrderId, _history?.Order.Symbol, _restFailures, RestRetryEvery);
            else
                logger.LogDebug(e, "Order {OrderId}: resting at the paper book failed again", OrderId);
            await RetryRestLaterAsync();
            return;
        }
        _restFailures = 0;
        // Rested, or nothing left to rest. The reminder goes first: if removing it fails, the timer is still there to try again.
        if (_restReminded && await this.GetReminder(RestReminder) is { } reminder)
            await this.UnregisterReminder(reminder);
        _restReminded = false;
        _restRetry?.Dispose();
        _restRetry = null;
        if (_history?.Order.Status.IsClosed() == true)
            DeactivateOnIdle(); // woken only to find it finished: keep nothing in memory
    }

    /// <summary>Keeps a quick retry on this activation and a reminder for after it (registering it is retried with the next try).</summary>
    private async Task RetryRestLaterAsync()
    {
        _restRetry ??= this.RegisterGrainTimer(_ => RetryRestAsync(), new GrainTimerCreationOptions(RestRetryEvery, RestRetryEvery) { KeepAlive = true });
        if (_restReminded)
            return;
        try
        {
            await this.RegisterOrUpdateReminder(RestReminder, wake.WakeEvery, wake.WakeEvery);
            _restReminded = true;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Order {OrderId}: its rest reminder could not be registered; retried with the next try", OrderId);
        }
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != RestReminder)
            return;
        _restReminded = true;
        await RetryRestAsync();
    }

    private RestingTicket Resting(OrderHistory history) => RestingTicket.From(this.GetPrimaryKeyString(), history.Order, history.Sequence);

    /// <summary>Takes the order out of the paper book before a cancel or replace; false when a report of it is on its way.</summary>
    private Task<bool> WithdrawFromBookAsync() =>
        Venue.IsSimulated ? Book(_history!.Order).WithdrawAsync(OrderId) : Task.FromResult(true);

    private IPaperBookGrain Book(Order order) => GrainFactory.Reference<IPaperBookGrain>(order.Symbol);
}
