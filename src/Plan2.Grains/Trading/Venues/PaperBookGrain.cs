using Microsoft.Extensions.Logging;
using Plan2.Abstractions.MarketData;
using Plan2.Core.Execution;
using Plan2.Core.MarketData;
using Plan2.Core.Trading.Instruments;
using Plan2.Core.Trading.Orders;

namespace Plan2.Grains.Trading.Venues;

/// <summary>
/// A thin shell over one Core <see cref="PaperVenue"/> per symbol holding the orders that rest. It listens to
/// the instrument's ticks only while an order rests (nothing to do otherwise), shows the venue each tick
/// stamped with this silo's clock (the clock order times and DAY/GTD expiries are in; a replay's ticks carry
/// their historical stamps), and sends each order what happened to it, in order. The order grain is the
/// truth: it applies, journals and tells its account. Reports an order did not take (its silo gone, its journal
/// down) are kept and sent again, with what happened to it since, until it has them (PaperBookGrain.Redelivery.cs).
/// Only the keys of the resting orders are stored: a new activation asks those orders for their terms now and rests
/// them again; one that cannot answer stays stored and is asked again (PaperBookGrain.Asking.cs). While orders rest, a reminder
/// wakes the book (after its silo went, nothing else would) and an alarm on the clock ends DAY/GTD orders on time.
/// </summary>
public sealed partial class PaperBookGrain(
    [PersistentState("paper-book", StorageNames.GrainState)] IPersistentState<PaperBookState> state,
    PaperFillSettings settings, TradingWakeOptions wake, InstrumentCatalog catalog, TimeProvider clock, ILogger<PaperBookGrain> logger)
    : Grain, IPaperBookGrain
{
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(60); // well inside the instrument's subscription lifetime
    private readonly Dictionary<string, string> _grains = new(StringComparer.Ordinal); // order id → order grain key
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);
    private readonly List<OrderEvent> _events = [];
    private readonly SemaphoreSlim _saving = new(1, 1);
    private PaperVenue _venue = null!;
    private IGrainTimer? _renewal;
    private long _lastFeedMs = long.MinValue;

    private string Symbol => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Trade ids must not repeat across activations: the account's book refuses a trade id it has seen.
        _venue = new PaperVenue(settings, catalog, idPrefix: $"{Symbol}-{Random.Shared.NextInt64():x}-");
        foreach (var answer in await AskAsync(state.State.Orders.ToList()))
            Take(answer, again: false);
        await SaveDroppedAsync(); // the orders that answered null go (a failed write must not fail the activation); those that did not answer stay
        if (_unanswered.Count > 0)
            AskAgainLater();
        // Orders whose time passed while no activation held them ring at once, in a turn of their own: reports
        // sent from activation could wait on an order grain that waits on this activation.
        ArmExpiry();
        if (_venue.WorkingCount > 0)
            await StartListeningAsync();
        else
            await KeepWakeAsync(); // a reminder left from before goes
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        DisarmExpiry();
        return Task.CompletedTask;
    }

    async Task IPaperBookGrain.RestAsync(RestingTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (ticket.Symbol != Symbol)
            throw new ArgumentException($"Order '{ticket.OrderId}' trades {ticket.Symbol}, not {Symbol}.", nameof(ticket));
        // A report of it is on its way (this rest interleaved with the delivery): the ticket predates that fill or
        // expiry, and resting it would work again what the book has already done. A replace withdraws first (refused now).
        if (_inFlight.Contains(ticket.OrderId))
            return;
        var unanswered = _unanswered.Remove(ticket.OrderId); // it spoke for itself: no need to ask it
        if (!_venue.Rest(ticket.ToCore()))
        {
            if (unanswered)
                await SaveAsync(); // its stored key goes
            return; // nothing left to fill
        }
        _grains[ticket.OrderId] = ticket.OrderGrainKey;
        if (!state.State.Orders.ContainsKey(ticket.OrderId))
            await SaveAsync(); // also when an earlier rest of it was held but not stored (its write failed): the order retries
        ArmExpiry();
        if (_renewal is null)
            await StartListeningAsync();
        else
            await KeepWakeAsync(); // a book that still listens may have slept: a ring found nothing resting before this came
    }

    async Task<bool> IPaperBookGrain.WithdrawAsync(string orderId)
    {
        if (_inFlight.Contains(orderId))
            return false;
        _venue.Withdraw(orderId);
        if (_grains.Remove(orderId) | _unanswered.Remove(orderId)) // both: one not answered yet is stored, not resting
            await SaveAsync();
        ArmExpiry();
        return true;
    }

    Task<IReadOnlyList<string>> IPaperBookGrain.GetRestingAsync() =>
        Task.FromResult<IReadOnlyList<string>>(_grains.Keys.Where(_venue.IsWorking).Order(StringComparer.Ordinal).ToList());

    async Task ITickObserver.OnTicksAsync(IReadOnlyList<QuoteView> ticks)
    {
        if (_venue.WorkingCount == 0)
        {
            await StopListeningAsync();
            return;
        }
        var quotes = new Dictionary<OrderEvent, QuoteView>(ReferenceEqualityComparer.Instance);
        foreach (var quote in ticks)
        {
            if (quote.TimeUnixMs < _lastFeedMs)
                continue; // a late batch (observer calls may overtake each other): its prices are past
            _lastFeedMs = quote.TimeUnixMs;
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            var from = _events.Count;
            _venue.OnQuote(Symbol, new Tick(now, Price.FromDecimal(quote.Bid), Price.FromDecimal(quote.Ask)), _events);
            for (var i = from; i < _events.Count; i++)
                quotes[_events[i]] = quote;
        }
        if (_events.Count == 0)
            return;
        await DeliverAsync(e => quotes[e]);
        if (_venue.WorkingCount == 0)
            await StopListeningAsync();
    }

    /// <summary>Sends each order what the book did to it (the events gathered in order), then forgets orders no longer working.</summary>
    private async Task DeliverAsync(Func<OrderEvent, QuoteView?> quoteOf)
    {
        var byOrder = _events.GroupBy(e => e.OrderId).Select(g => (g.Key, Reports: g.Select(e => PaperBookReport.From(e, quoteOf(e))).OfType<PaperBookReport>().ToList())).ToList();
        _events.Clear();
        foreach (var (orderId, _) in byOrder)
            _inFlight.Add(orderId);
        foreach (var (orderId, reports) in byOrder)
            await DeliverAsync(orderId, reports);
        await AfterDeliveryAsync();
    }

    private async Task AfterDeliveryAsync()
    {
        if (_undelivered.Count > 0)
            await KeepRedeliveringAsync();
        if (StoredCount != state.State.Orders.Count)
            await SaveAsync();
        ArmExpiry();
    }

    /// <summary>
    /// Sends one order its reports, after any it did not take before (in the order they happened). One it does not take
    /// now stays in flight (rests and withdrawals of it wait) and its key stays stored, until a later try delivers it.
    /// </summary>
    private async Task DeliverAsync(string orderId, List<PaperBookReport> reports)
    {
        if (_undelivered.Remove(orderId, out var earlier))
            reports = [.. earlier, .. reports];
        try
        {
            if (_grains.TryGetValue(orderId, out var key) && reports.Count > 0)
                await GrainFactory.GetGrain<IVenueReportSink>(key).OnVenueReportsAsync(reports);
        }
        catch (Exception e)
        {
            // Not lost: the order applies each report once (trade ids), so sending it again is safe.
            logger.LogWarning(e, "Paper book {Symbol}: {Count} reports for order {OrderId} could not be delivered; sent again in {Every}",
                Symbol, reports.Count, orderId, RedeliverEvery);
            _undelivered[orderId] = reports;
            return;
        }
        _inFlight.Remove(orderId);
        if (!_venue.IsWorking(orderId))
            _grains.Remove(orderId);
    }

    private async Task StartListeningAsync()
    {
        _renewal = this.RegisterGrainTimer(RenewAsync, new GrainTimerCreationOptions(Renewal, Renewal) { KeepAlive = true, Interleave = true });
        await RenewAsync(CancellationToken.None);
    }

    /// <summary>Subscribes again before the subscription lapses, and retries a wake reminder that could not be registered.</summary>
    private async Task RenewAsync(CancellationToken _)
    {
        await KeepWakeAsync();
        await ListenAsync(CancellationToken.None);
    }

    /// <summary>
    /// Stores the keys of the resting orders and of those that have not answered yet (not their terms: the order grains
    /// hold those), one write at a time: rests interleave.
    /// </summary>
    private async Task SaveAsync()
    {
        await _saving.WaitAsync();
        var stored = state.State.Orders;
        try
        {
            var orders = new Dictionary<string, string>(_unanswered, StringComparer.Ordinal);
            foreach (var (orderId, key) in _grains)
                orders[orderId] = key;
            state.State.Orders = orders;
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Orders = stored; // what is stored is what was: a later rest or delivery writes again
            throw;
        }
        finally
        {
            _saving.Release();
        }
    }

    private Task ListenAsync(CancellationToken _) =>
        GrainFactory.GetGrain<IInstrumentGrain>(Symbol).SubscribeTicksAsync(this.AsReference<IPaperBookGrain>());

    private async Task StopListeningAsync()
    {
        if (_renewal is null)
        {
            await KeepWakeAsync();
            return;
        }
        _renewal.Dispose();
        _renewal = null;
        await GrainFactory.GetGrain<IInstrumentGrain>(Symbol).UnsubscribeTicksAsync(this.AsReference<IPaperBookGrain>());
        await KeepWakeAsync();
        if (_renewal is not null)
            await ListenAsync(CancellationToken.None); // an order came to rest meanwhile: the last word must be subscribe
    }
}
