using Microsoft.Extensions.Logging;
using Orleans.Placement;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Trading;
using Plan2.Core.Trading.Instruments;
using Plan2.Core.Trading.Orders;
using Plan2.Grains.Operations;
using Plan2.Grains.Trading.Journal;
using Plan2.Grains.Trading.Venues;

namespace Plan2.Grains.Trading.Orders;

/// <summary>
/// A thin shell over one Core <see cref="Order"/> (through <see cref="OrderHistory"/>): rebuilt from its
/// journal stream on activation; every change applied, sent to the venue, journaled in one append
/// and only then answered. If an append fails the activation is dropped, so the next one rebuilds from
/// what is durable rather than from what was only in memory.
/// </summary>
[PreferLocalPlacement] // beside the account that places it: no network hop on the hot path
public sealed partial class OrderGrain(IOrderJournal journal, OrderVenues venues, InstrumentCatalog catalog, TimeProvider clock,
    TradingWakeOptions wake, ILogger<OrderGrain> logger) : Grain, IOrderGrain
{
    private OrderHistory? _history;
    private bool _loaded;
    private Task? _loading;
    private OrderState? _countedState; // the last state the orders metric counted for this order
    private bool _journaledClose; // this activation journaled the change that closed the order

    private string Tenant => OrderKeys.Tenant(this.GetPrimaryKeyString());
    private string OrderId => OrderKeys.OrderId(this.GetPrimaryKeyString());
    private IOrderVenue Venue => venues.For(_history?.Route);

    /// <summary>
    /// Rebuilds from the journal on first use (not on activation: a new order has nothing to read). One read at a time:
    /// the book's interleaved ask for the order's terms must not replace the history a call in progress is changing.
    /// </summary>
    private Task LoadAsync()
    {
        if (_loaded)
            return Task.CompletedTask;
        if (_loading is { IsCompleted: false } reading)
            return reading;
        return _loading = LoadOnceAsync();
    }

    private async Task LoadOnceAsync()
    {
        var entries = await journal.ReadStreamAsync(Tenant, OrderId);
        if (_loaded)
            return; // a placement began meanwhile: its history is the order
        if (entries.Count > 0)
            _history = OrderHistory.Replay(entries);
        _loaded = true;
    }

    async Task<OrderView?> IOrderGrain.GetAsync()
    {
        await LoadAsync();
        return _history?.ToView();
    }

    Task<OrderView> IOrderGrain.ExecuteAsync(OrderTicket ticket) => GuardedAsync(() => ExecuteAsync(ticket));

    private async Task<OrderView> ExecuteAsync(OrderTicket ticket)
    {
        if (!ticket.New)
            await LoadAsync();
        _loaded = true;
        if (_history is not null)
            return _history.ToView();
        if (!ticket.Request.TryToRequest(ticket.AccountId, out var request, out var error))
            throw new ArgumentException(error, nameof(ticket));
        var now = clock.NowMicros();
        // A DAY order ends with its instrument's trading day (journaled: a rebuild keeps the end it was placed with).
        var dayEnd = request.TimeInForce == TimeInForce.Day && catalog.TryGet(request.Symbol, out var instrument) ? instrument.Hours.DayEnd(now) : (DateTimeOffset?)null;
        var history = OrderHistory.Place(Tenant, ticket.AccountId, OrderId, ticket.Request, request, now, ticket.Route, dayEnd);
        _history = history;
        if (ticket.DeniedCode is { } code)
        {
            history.Record(new OrderDenied(OrderId, now, DeniedReason.Format(code, ticket.DeniedMessage)), Actor.Risk, ticket.DeniedMessage ?? code);
            return await CommitPlacementAsync(ticket.New) ?? history.ToView();
        }
        history.Record(new OrderSubmitted(OrderId, now), ticket.Request.PlacedBy, $"sent to {Venue.Name}");
        if (!Venue.IsSimulated && await CommitPlacementAsync(ticket.New) is { } placedBefore)
            return placedBefore; // a real venue may act on it: the placement is durable first
        var reports = await Venue.SubmitAsync(history.Order, ticket.Quote?.ToTick(), clock.NowMicros());
        ApplyVenue(reports, ticket.Quote);
        if (!Venue.IsSimulated)
            await CommitAsync();
        else
        {
            await RemindToRestAsync(); // a silo lost between the placement's commit and its rest would leave it in no book
            if (await CommitPlacementAsync(ticket.New) is { } placedEarlier)
                return placedEarlier; // the paper fill above was only in memory: dropped
        }
        await RestIfWorkingAsync();
        return history.ToView();
    }

    /// <summary>
    /// The placement's first append. A ticket the account sent as new skipped reading the journal, so a failed append
    /// may be this placement stored with its answer lost, or an earlier send's placement refusing this one (its answer
    /// lost, the order out of memory since): Core's <see cref="PlacementRule"/> tells which from the stored stream.
    /// Null when this placement is the one journaled (it goes on); else the order placed first, as the answer.
    /// </summary>
    private async Task<OrderView?> CommitPlacementAsync(bool skippedRead)
    {
        var attempt = _history!;
        var appended = attempt.Pending.Count > 0 ? Mark(attempt.Pending[0]) : (PlacementMark?)null;
        try
        {
            await CommitAsync();
            return null;
        }
        catch (Exception) when (skippedRead)
        {
            var stored = await ReadStreamOrNullAsync();
            if (stored is not { Count: > 0 })
                throw;
            if (PlacementRule.Owner(appended, Mark(stored[0])) == PlacementOwner.ThisSend)
            {
                _history = attempt;
                attempt.ClearPending();
                _journaledClose = attempt.Order.Status.IsClosed();
                return null;
            }
            _history = OrderHistory.Replay(stored);
            _loaded = true;
            _journaledClose = _history.Order.Status.IsClosed(); // closed: out of memory again after answering
            return _history.ToView();
        }
    }

    private static PlacementMark Mark(JournalEntry entry) => new(entry.Sequence, entry.At, entry.Kind);

    /// <summary>The order's journal stream, null when it cannot be read now (the append's failure is then the answer).</summary>
    private async Task<IReadOnlyList<JournalEntry>?> ReadStreamOrNullAsync()
    {
        try
        {
            return await journal.ReadStreamAsync(Tenant, OrderId);
        }
        catch (Exception)
        {
            return null;
        }
    }

    Task<OrderOutcome> IOrderGrain.CancelAsync(Actor by, QuoteView? quote) => GuardedAsync(() => CancelAsync(by, quote));

    private async Task<OrderOutcome> CancelAsync(Actor by, QuoteView? quote)
    {
        await LoadAsync();
        if (_history is not { } history)
            return new OrderOutcome(null, "UnknownOrder", $"No order '{OrderId}'.");
        var result = history.Record(new OrderCancelRequested(OrderId, clock.NowMicros()), by, "cancel requested");
        if (!result.IsOk)
            return new OrderOutcome(history.ToView(), result.Reason.ToString(), result.Message);
        await RemindToRestAsync(); // withdrawn from the book below: if the cancel is not journaled, it must rest again
        ApplyVenue(await WithdrawFromBookAsync()
            ? await Venue.CancelAsync(history.Order, clock.NowMicros())
            : [new OrderCancelRejected(OrderId, clock.NowMicros(), ReportInFlight)], quote);
        await CommitAsync();
        await RestIfWorkingAsync(); // a cancel refused while a report was in flight: still resting; canceled: the reminder goes
        return new OrderOutcome(history.ToView());
    }

    Task<OrderOutcome> IOrderGrain.ReplaceAsync(ReplaceOrder replace, QuoteView? quote) => GuardedAsync(() => ReplaceAsync(replace, quote));

    private async Task<OrderOutcome> ReplaceAsync(ReplaceOrder replace, QuoteView? quote)
    {
        await LoadAsync();
        if (_history is not { } history)
            return new OrderOutcome(null, "UnknownOrder", $"No order '{OrderId}'.");
        if (!TradingMapping.TryPrice(replace.LimitPrice, out var limit) || !TradingMapping.TryPrice(replace.TriggerPrice, out var trigger))
            return new OrderOutcome(history.ToView(), nameof(OrderRefusalReason.PriceOffTick), "Prices may have at most 8 decimals.");
        var change = new OrderUpdateRequested(OrderId, clock.NowMicros(), replace.Quantity, limit, trigger);
        var result = history.Record(change, replace.RequestedBy, "replace requested");
        if (!result.IsOk)
            return new OrderOutcome(history.ToView(), result.Reason.ToString(), result.Message);
        await RemindToRestAsync(); // withdrawn from the book below: if the replace is not journaled, the old terms must rest again
        ApplyVenue(await WithdrawFromBookAsync()
            ? await Venue.ReplaceAsync(history.Order, change, quote?.ToTick(), clock.NowMicros())
            : [new OrderUpdateRejected(OrderId, clock.NowMicros(), ReportInFlight)], quote);
        await CommitAsync();
        await RestIfWorkingAsync();
        return new OrderOutcome(history.ToView());
    }

    private void ApplyVenue(IReadOnlyList<OrderEvent> reports, QuoteView? quote)
    {
        foreach (var report in reports)
        {
            var result = _history!.Record(report, Actor.Venue, Describe(report), quote);
            if (!result.IsOk)
                throw new InvalidOperationException($"Venue '{Venue.Name}' reported an event order '{OrderId}' cannot take: {result}");
        }
    }

    private async Task CommitAsync()
    {
        if (_history!.Pending.Count == 0)
            return; // a venue that could not say how sending went: nothing new to journal
        await journal.AppendAsync(_history!.Pending);
        _history.ClearPending();
        _journaledClose = _history.Order.Status.IsClosed();
        var state = (OrderState)_history.Order.Status;
        if (state != _countedState)
        {
            _countedState = state;
            Plan2Metrics.Orders.Add(1, new KeyValuePair<string, object?>("state", state.ToString()));
        }
    }

    /// <summary>
    /// Any failure after the order changed in memory (venue or journal) drops the activation: what is
    /// durable is the truth, and the next activation rebuilds from it. So does a change that closed the
    /// order: holding thousands of finished orders until the collector's age limit (minutes) would make
    /// every garbage collection meanwhile copy them, a cost each order placed after pays.
    /// </summary>
    private async Task<T> GuardedAsync<T>(Func<Task<T>> action)
    {
        try
        {
            var result = await action();
            if (_journaledClose)
                DeactivateOnIdle(); // closed for good and durable: keep nothing in memory (a later read rebuilds it from the journal)
            return result;
        }
        catch
        {
            _history = null;
            _loaded = false;
            DeactivateOnIdle();
            throw;
        }
    }

    private static string Describe(OrderEvent e) => e switch
    {
        OrderAccepted a => $"accepted as {a.VenueOrderId}",
        OrderFilled f => $"filled {f.Quantity} at {f.Price} (trade {f.TradeId})",
        OrderRejected r => r.Reason,
        OrderUpdated => "replaced",
        OrderCanceled => "canceled",
        OrderCancelRejected r => r.Reason,
        OrderUpdateRejected r => r.Reason,
        OrderTriggered => "stop triggered",
        OrderExpired => "expired",
        _ => e.GetType().Name,
    };
}
