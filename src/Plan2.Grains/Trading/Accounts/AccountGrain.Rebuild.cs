using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Trading;
using Plan2.Core.MarketData;
using Plan2.Core.Trading.Accounts;
using Plan2.Core.Trading.Orders;
using Plan2.Core.Trading.Positions;
using Plan2.Grains.Trading.Journal;
using Plan2.Grains.Trading.Orders;

namespace Plan2.Grains.Trading.Accounts;

// Activation: the account is rebuilt from every journal entry of the account in append order, through
// the same Absorb the live path uses, so a rebuilt account equals the one that was running.
public sealed partial class AccountGrain
{
    private readonly List<string> _unbooked = [];
    private readonly Dictionary<string, int> _absorbed = new(StringComparer.Ordinal); // order → last audit sequence booked

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var entries = await journal.ReadAccountAsync(Tenant, AccountId);
        var read = System.Diagnostics.Stopwatch.GetTimestamp();
        var orders = new Dictionary<string, OrderHistory>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.StreamId == AccountId)
            {
                ReplayAccountEvent(entry);
                continue;
            }
            if (entry.Kind == OrderEventCodec.Placed)
                orders[entry.StreamId] = OrderHistory.Replay([entry]);
            else if (orders.TryGetValue(entry.StreamId, out var history))
                history.ReplayOne(entry);
            else
                throw new InvalidDataException($"Journal entry {entry.Sequence} of order '{entry.StreamId}' comes before its placement.");
            Absorb(orders[entry.StreamId].ToView());
        }
        var replayed = System.Diagnostics.Stopwatch.GetTimestamp();
        if (_ledger is not null)
            StartWatching().Ignore(); // risk's inputs, read meanwhile: the first order waits for them only if they are late
        // Bounded as risk's reads of other quotes are: one instrument still activating must not stall the account's
        // activation, and with it every call that activates it; a read that does not answer leaves its last known mark.
        if (_ledger is not null)
            await RefreshQuotesAsync(OpenSymbols(), OtherQuotesLimit);
        if (Tracing)
            TraceActivation(started, read, replayed, entries.Count);
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
        _fillHistory = new FillHistory(AccountId, (AccountMode)command.Mode, command.Currency);
    }

    /// <summary>Tracks the order's state and books each fill not booked yet (the book knows trade ids); false for a stale view.</summary>
    private bool Absorb(OrderView order)
    {
        var ledger = RequireOpen();
        // Views may arrive out of order (a resting order's report overtaking the answer that placed it): keep the newest.
        var sequence = order.Audit.Count > 0 ? order.Audit[^1].Sequence : 0;
        var known = _absorbed.TryGetValue(order.ClientOrderId, out var seen);
        if (known && seen > sequence)
            return false;
        _absorbed[order.ClientOrderId] = sequence;
        if (!ledger.Knows(order.ClientOrderId))
            _orderIds.Add(order.ClientOrderId);
        ledger.Track(order.ClientOrderId, (OrderStatus)order.State);
        NoteVenueOrder(order);
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
        return !known || seen < sequence;
    }

    /// <summary>The symbols of the open positions: the quotes the account's value depends on.</summary>
    private IEnumerable<string> OpenSymbols() => _ledger is null ? [] : _ledger.Book.Open.Select(p => p.Symbol).Distinct();

    /// <summary>
    /// Reads the instruments' last quotes (cheap, interleaved at the instrument) into the account's board. With a
    /// <paramref name="limit"/>, a read that does not answer within it (or fails) leaves that symbol's last known mark.
    /// </summary>
    private Task RefreshQuotesAsync(IEnumerable<string> symbols, TimeSpan? limit = null) =>
        Task.WhenAll(symbols.Select(s => RefreshQuoteAsync(s, limit)));

    private async Task RefreshQuoteAsync(string symbol, TimeSpan? limit)
    {
        var read = GrainFactory.GetGrain<Abstractions.MarketData.IInstrumentGrain>(symbol).GetQuoteAsync();
        ReceivedQuote? received;
        try
        {
            received = limit is { } within ? await read.WaitAsync(within) : await read;
        }
        catch (Exception) when (limit is not null)
        {
            read.Ignore(); // answered late or not at all: the last known mark serves
            return;
        }
        if (received is not null)
            _quotes.Set(received.Quote.Symbol, received.Quote.ToTick());
    }

    private AccountView View()
    {
        var ledger = RequireOpen();
        var converter = new Core.Trading.Money.CurrencyConverter(_quotes);
        decimal? unrealized = PositionValuation.TryUnrealizedPnl(ledger.Book, catalog, _quotes, converter, out var u) ? u : null;
        decimal? exposure = PositionValuation.TryGrossExposure(ledger.Book, catalog, _quotes, converter, out var x) ? x : null;
        var strategies = ledger.Book.Open.Concat(ledger.Book.Closed)
            .Where(p => p.StrategyId is not null)
            .GroupBy(p => p.StrategyId!)
            .Select(g => new StrategyPnlView(g.Key, g.Sum(p => p.NetPnl), StrategyUnrealized(g, converter), g.Where(p => p.IsOpen).Sum(p => p.SignedQuantity)))
            .OrderBy(s => s.StrategyId, StringComparer.Ordinal)
            .ToList();
        return new AccountView(AccountId, ledger.Currency, _opened!.Mode, ledger.Deposits, ledger.Cash, ledger.Book.RealizedPnl, ledger.Book.Commission,
            unrealized, exposure, ledger.Book.Open.OrderBy(p => p.Ticket).Select(p => p.ToView()).ToList(), strategies,
            ledger.WorkingOrders.Order(StringComparer.Ordinal).ToList(), ledger.KillSwitch, _limits, ledger.OrderCount, _unbooked.ToList(),
            ledger.Book.Swap);
    }

    private decimal? StrategyUnrealized(IEnumerable<Position> positions, Core.Trading.Money.CurrencyConverter converter)
    {
        var total = 0m;
        foreach (var p in positions.Where(p => p.IsOpen))
        {
            if (!catalog.TryGet(p.Symbol, out var instrument) || !_quotes.TryGetQuote(p.Symbol, out var quote)
                || !PositionValuation.TryUnrealizedPnl(p, instrument, quote, converter, RequireOpen().Currency, out var pnl))
                return null;
            total += pnl;
        }
        return total;
    }
}
