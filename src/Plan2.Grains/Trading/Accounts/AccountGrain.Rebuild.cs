using Microsoft.Extensions.Logging;
using Plan2.Grains.Operations;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Trading;
using Plan2.Core.MarketData;
using Plan2.Core.Trading.Accounts;
using Plan2.Core.Trading.Orders;
using Plan2.Core.Trading.Positions;
using Plan2.Grains.Trading.Journal;
using Plan2.Grains.Trading.Orders;

namespace Plan2.Grains.Trading.Accounts;

// Activation: the account restores its last snapshot (AccountGrain.Snapshots.cs) and replays the journal entries after it
// (all of them when there is none) in append order, through the same Absorb the live path uses, so a rebuilt account
// equals the one that was running. Entries the snapshot already reflects change nothing (sequence per order, trade id
// per fill); an order whose earlier entries the snapshot covers is read from its own stream.
public sealed partial class AccountGrain
{
    private readonly List<string> _unbooked = [];
    private OrderWindow _window = new(); // the orders remembered by id: open ones and the last closed (Core OrderWindow)

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        _window = new OrderWindow(SnapshotOptions.KeepClosedOrders);
        var restored = await RestoreSnapshotAsync();
        var readAt = clock.GetUtcNow();
        var entries = await journal.ReadAccountAfterAsync(Tenant, AccountId, _journalPosition);
        var read = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await ReplayAsync(entries, restored);
        }
        catch (InvalidDataException e) when (restored)
        {
            Logger.LogWarning(e, "Account {Account}: the journal after its snapshot does not replay onto it; rebuilding from the whole journal", Key);
            ForgetBooks();
            entries = await journal.ReadAccountAfterAsync(Tenant, AccountId, 0);
            await ReplayAsync(entries, fromSnapshot: false);
        }
        var replayed = System.Diagnostics.Stopwatch.GetTimestamp();
        Schedule.Replayed(entries.Count);
        if (_ledger is not null && Schedule.Due && await StoreSnapshotAsync(entries.Select(e => (e.Position, e.Entry.At)), readAt))
            Schedule.Stored(); // the books equal the journal read, so they are a snapshot as they stand
        if (_ledger is not null)
            StartWatching().Ignore(); // risk's inputs, read meanwhile: the first order waits for them only if they are late
        // Bounded as risk's reads of other quotes are: one instrument still activating must not stall the account's
        // activation, and with it every call that activates it; a read that does not answer leaves its last known mark.
        if (_ledger is not null)
            await RefreshQuotesAsync(OpenSymbols());
        if (Tracing)
            TraceActivation(started, read, replayed, entries.Count);
    }

    private async Task ReplayAsync(IReadOnlyList<PositionedEntry> entries, bool fromSnapshot)
    {
        _rebuilding = true;
        try
        {
            var orders = new Dictionary<string, OrderHistory>(StringComparer.Ordinal);
            foreach (var (entry, _) in entries)
            {
                if (entry.StreamId == AccountId)
                {
                    if (entry.Sequence > _sequence) // the snapshot may reflect entries after the position it claims
                        ReplayAccountEvent(entry);
                    continue;
                }
                if (entry.Kind == OrderEventCodec.Placed)
                    orders[entry.StreamId] = OrderHistory.Replay([entry]);
                else if (orders.TryGetValue(entry.StreamId, out var history))
                    history.ReplayOne(entry);
                else if (fromSnapshot) // placed before the snapshot's position: its earlier entries from its own stream
                    orders[entry.StreamId] = OrderHistory.Replay([.. (await journal.ReadStreamAsync(Tenant, entry.StreamId)).Where(e => e.Sequence <= entry.Sequence)]);
                else
                    throw new InvalidDataException($"Journal entry {entry.Sequence} of order '{entry.StreamId}' comes before its placement.");
                Absorb(orders[entry.StreamId].ToView());
            }
        }
        finally
        {
            _rebuilding = false;
        }
    }

    private void ReplayAccountEvent(JournalEntry entry)
    {
        var payload = JournalPayload.FromJson(entry.Payload);
        _sequence = entry.Sequence;
        switch (entry.Kind)
        {
            case "opened": Open(payload.Open ?? throw new InvalidDataException($"Account '{AccountId}': 'opened' without its terms.")); break;
            case "kill-switch": RequireOpen().KillSwitch = payload.Engaged ?? false; break;
            case "limits":
                _limits = payload.Limits ?? new AccountLimits();
                RequireOpen().Limits = _limits.ToOverrides();
                break;
            default: throw new InvalidDataException($"Unknown account journal kind '{entry.Kind}'.");
        }
    }

    private void Open(OpenAccount command)
    {
        _opened = command;
        _limits = command.Limits ?? new AccountLimits();
        _ledger = new AccountLedger(AccountId, (AccountMode)command.Mode, command.Currency) { Limits = _limits.ToOverrides() };
        _ledger.Deposit(command.Deposit);
        _dayStarts = new DayStartBooks(AccountId, (AccountMode)command.Mode, command.Currency);
    }

    /// <summary>
    /// Tracks the order's state and books each fill not booked yet (the book knows trade ids); false for a stale view, and
    /// for an order booked and forgotten since (closed, so it cannot change: <see cref="OrderWindow"/>).
    /// </summary>
    private bool Absorb(OrderView order)
    {
        var ledger = RequireOpen();
        if (_window.IsForgotten(order.ClientOrderId, PlacedAt(order)))
            return false;
        // Views may arrive out of order (a resting order's report overtaking the answer that placed it): keep the newest.
        var sequence = order.Audit.Count > 0 ? order.Audit[^1].Sequence : 0;
        var known = _window.TryGetSequence(order.ClientOrderId, out var seen);
        if (known && seen > sequence)
            return false;
        ledger.Track(order.ClientOrderId, (OrderStatus)order.State);
        foreach (var f in order.Fills)
        {
            if (!catalog.TryGet(order.Symbol, out var instrument))
                continue;
            var fill = new Fill(f.TradeId, order.OrderId, order.Symbol, (OrderSide)order.Side, f.Quantity, Price.FromDecimal(f.Price), f.At,
                f.Commission, order.Request.PositionTicket, order.StrategyId, f.Swap);
            var result = ledger.BookFill(fill, instrument, f.Quote.ToTick());
            if (result.IsOk)
            {
                _realizedByDay.Add(f.At, result.Change.RealizedPnl + f.Swap, f.Commission);
                KeepForPeriods(fill, instrument, f.Quote.ToTick());
            }
            else if (result.Reason != PositionRefusalReason.DuplicateTrade)
                _unbooked.Add($"{f.TradeId}: {result}");
        }
        _window.Note(order.ClientOrderId, sequence, PlacedAt(order), ((OrderStatus)order.State).IsClosed(), order.VenueOrderId, order.Fills.Select(f => f.TradeId));
        foreach (var gone in _window.Trim())
        {
            ledger.Forget(gone.ClientOrderId);
            ledger.Book.ForgetTrades(gone.TradeIds);
        }
        CountChange();
        return !known || seen < sequence;
    }

    /// <summary>The symbols of the open positions: the quotes the account's value depends on.</summary>
    private IEnumerable<string> OpenSymbols() => _ledger is null ? [] : _ledger.Book.Open.Select(p => p.Symbol).Distinct();

    /// <summary>
    /// Reads the instruments' last quotes (cheap, interleaved at the instrument) into the account's board. A read that does
    /// not answer within <see cref="OtherQuotesLimit"/> (or fails) leaves that symbol's last known mark: every caller is
    /// bounded, as one unanswering instrument would otherwise stall every order and read of every account holding it.
    /// </summary>
    private Task RefreshQuotesAsync(IEnumerable<string> symbols) => Task.WhenAll(symbols.Select(RefreshQuoteAsync));

    private async Task RefreshQuoteAsync(string symbol)
    {
        // Answered late or not at all: the last known mark serves.
        var instrument = GrainFactory.GetGrain<Abstractions.MarketData.IInstrumentGrain>(symbol);
        var read = await BoundedCall.WithinAsync(instrument.GetQuoteAsync, OtherQuotesLimit);
        if (read.Value is { } received)
            _quotes.Set(received.Quote.Symbol, received.Quote.ToTick());
    }

    private AccountView View()
    {
        var ledger = RequireOpen();
        var converter = new Core.Trading.Money.CurrencyConverter(_quotes);
        // Each open position valued once: the account's total, its strategies' and the position's own line read the same value.
        var unrealizedOf = ledger.Book.Open.ToDictionary(p => p, p => PositionValuation.UnrealizedPnl(p, catalog, _quotes, converter, ledger.Currency));
        decimal? Total(IEnumerable<Position> positions) => // null when any of them cannot be valued now
            positions.Any(p => unrealizedOf[p] is null) ? null : positions.Sum(p => unrealizedOf[p]!.Value);
        decimal? exposure = PositionValuation.TryGrossExposure(ledger.Book, catalog, _quotes, converter, out var x) ? x : null;
        // The closed positions by their totals: a snapshot keeps those, not the positions.
        var open = ledger.Book.Open.Where(p => p.StrategyId is not null).ToLookup(p => p.StrategyId!);
        var strategies = open.Select(g => g.Key).Union(ledger.Book.ClosedNetPnlByStrategy.Keys)
            .Select(id => new StrategyPnlView(id, ledger.Book.ClosedNetPnlByStrategy.GetValueOrDefault(id) + open[id].Sum(p => p.NetPnl),
                Total(open[id]), open[id].Sum(p => p.SignedQuantity)))
            .OrderBy(s => s.StrategyId, StringComparer.Ordinal)
            .ToList();
        return new AccountView(AccountId, ledger.Currency, _opened!.Mode, ledger.Deposits, ledger.Cash, ledger.Book.RealizedPnl, ledger.Book.Commission,
            Total(ledger.Book.Open), exposure, ledger.Book.Open.OrderBy(p => p.Ticket).Select(p => p.ToView(unrealizedOf[p])).ToList(), strategies,
            ledger.WorkingOrders.Order(StringComparer.Ordinal).ToList(), ledger.KillSwitch, _limits, ledger.OrderCount, _unbooked.ToList(),
            ledger.Book.Swap);
    }
}
