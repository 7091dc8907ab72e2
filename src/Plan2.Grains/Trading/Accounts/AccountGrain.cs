using System.Diagnostics;
using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Tenancy;
using Plan2.Abstractions.Trading;
using Plan2.Core.Risk;
using Plan2.Core.Tenancy;
using Plan2.Core.Trading.Accounts;
using Plan2.Core.Trading.Instruments;
using Plan2.Core.Trading.Money;
using Plan2.Core.Trading.Orders;
using Plan2.Core.Trading.Positions;
using Plan2.Grains.MarketData;
using Plan2.Grains.Operations;
using Plan2.Grains.Tenancy;
using Plan2.Grains.Trading.Journal;
using Plan2.Grains.Trading.Orders;

namespace Plan2.Grains.Trading.Accounts;

/// <summary>
/// A thin shell over <see cref="AccountLedger"/> and the Core risk chain. Placing an order: validate the
/// shape, gather what risk reads (the last quote from the instrument grain, the platform and tenant kill
/// switches, the tenant's limits with the account's own on top), run <see cref="RiskEngine"/>, then hand
/// the order grain a ticket; it journals and goes to the venue, and the fills it returns are booked here.
/// Rebuilt from the journal on activation (AccountGrain.Rebuild.cs).
/// </summary>
public sealed partial class AccountGrain(IOrderJournal journal, InstrumentCatalog catalog, TimeProvider clock, IInstrumentHistory history) : Grain, IAccountGrain
{
    private readonly QuoteBoard _quotes = new();
    /// <summary>
    /// How long an order's risk check, an activation or a read (the account, its period P&amp;L) waits for the quote of an open
    /// position's symbol before using its last known mark.
    /// </summary>
    internal static readonly TimeSpan OtherQuotesLimit = TimeSpan.FromMilliseconds(250);
    private AccountLedger? _ledger;
    private OpenAccount? _opened;
    private AccountLimits _limits = new();
    private int _sequence; // the account's own journal stream

    private string Tenant => OrderKeys.Tenant(this.GetPrimaryKeyString());
    private string AccountId => OrderKeys.AccountId(this.GetPrimaryKeyString());

    async Task<AccountView> IAccountGrain.OpenAsync(OpenAccount command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (_ledger is not null)
            throw new InvalidOperationException($"Account '{AccountId}' of tenant '{Tenant}' is already open.");
        if (!TenantNames.IsValidTenantId(AccountId))
            throw new ArgumentException($"Account id '{AccountId}' is invalid: use 2-40 lower-case letters, digits or inner hyphens.");
        if (!Currency.IsCode(command.Currency))
            throw new ArgumentException($"Currency must be a three-letter code in capitals, not '{command.Currency}'.");
        if (command.Deposit < 0m || !Enum.IsDefined(command.Mode) || command.OpenedBy is null)
            throw new ArgumentException("The deposit must not be negative, the mode Netting or Hedging, and OpenedBy set.");
        var tenant = await ReadTenantSettingsAsync();
        var limits = command.Limits ?? new AccountLimits();
        RequireValid(tenant, limits);
        await LinkTerminalAsync(command.Terminal);
        await AppendAccountEventAsync("opened", new JournalPayload { Open = command with { Limits = limits }, By = command.OpenedBy, Cause = "opened" });
        Open(command with { Limits = limits });
        StartWatching().Ignore(); // risk's inputs, ready before the first order
        return View();
    }

    async Task<AccountView?> IAccountGrain.GetAsync()
    {
        if (_ledger is null)
            return null;
        // Valued now, not at the quotes of the account's last orders; an instrument that does not answer in time (still
        // activating after its silo died) keeps its last known mark rather than stalling every read of the account.
        await RefreshQuotesAsync(OpenSymbols());
        return View();
    }

    async Task<OrderOutcome> IAccountGrain.PlaceOrderAsync(PlaceOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var ledger = RequireOpen();
        if (!OrderKeys.IsValidClientOrderId(order.ClientOrderId))
            return CountRefusal(Refused(nameof(OrderRefusalReason.MissingIdentity), $"Client order id '{order.ClientOrderId}' is invalid: use 1-64 letters, digits, '_', '-' or ':'."));
        // A known id is a resend. An id the account may have forgotten is not looked up first: that read cost every new order
        // a journal round trip once the window had forgotten anything. The order's journal stream is the arbiter instead:
        // placing finds it taken and the order grain answers with the order placed first (below). Only an order refused
        // before risk still asks, as it never reaches its stream.
        if (ledger.Knows(order.ClientOrderId))
            return await ResendOutcomeAsync(order);
        var started = Stopwatch.GetTimestamp();
        var (refused, request, quote, context) = await PreTradeAsync(ledger, order);
        var gathered = Stopwatch.GetTimestamp();
        if (refused is not null) // rare: only now is it worth asking whether this is a forgotten order's resend
            return await ForgottenAsync(order.ClientOrderId) ? await ResendOutcomeAsync(order) : CountRefusal(refused);
        // A resend of a forgotten order is found only below, so it counts against the submit rate like any send.
        var decision = RiskEngine.EvaluateAndRecord(request, context);
        var ticket = decision.IsApproved
            ? new OrderTicket(AccountId, order, null, null, quote?.Quote, New: true, Route: _opened!.Terminal?.Route)
            : new OrderTicket(AccountId, order, decision.Reason.ToString(), decision.Message, quote?.Quote, New: true, Route: _opened!.Terminal?.Route);
        var sentAt = clock.NowMicros();
        var view = await ExecuteNotingDoubtAsync(order.ClientOrderId, ticket);
        TracePlacement(started, gathered, order.ClientOrderId);
        // An earlier send placed it (its answer never reached this account): that order, as placed, is the answer.
        var earlier = view.Audit.Count > 0 && view.Audit[0].At < sentAt;
        if (earlier && _window.IsForgotten(order.ClientOrderId, PlacedAt(view)))
            return ResendOutcome(view, order); // booked and forgotten long ago: answered as placed, nothing booked or told again
        var absorbed = Absorb(view);
        if (absorbed || !earlier)
            Tell(view);
        if (!earlier && !decision.IsApproved)
        {
            Plan2Metrics.RiskRefusals.Add(1, new KeyValuePair<string, object?>("reason", decision.Reason.ToString()));
            TellRiskRefusal(decision.Reason.ToString(), decision.Message ?? "Refused by risk.", order.ClientOrderId, order.Symbol);
        }
        else if (earlier && absorbed)
            TellIfDenied(view); // the earlier send's answer was lost, and with it its alert
        return PlacementOutcome(view, Duplicate: earlier);
    }

    async Task<OrderOutcome> IAccountGrain.CancelOrderAsync(string clientOrderId, Actor by)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!RequireOpen().Knows(clientOrderId ?? "") && !await ForgottenAsync(clientOrderId ?? ""))
            return Refused("UnknownOrder", $"Account '{AccountId}' has no order '{clientOrderId}'.");
        var outcome = await OrderGrain(clientOrderId!).CancelAsync(by, null);
        if (outcome.Order is { } view && Absorb(view))
            Tell(view);
        return outcome;
    }

    async Task<OrderOutcome> IAccountGrain.ReplaceOrderAsync(ReplaceOrder replace)
    {
        ArgumentNullException.ThrowIfNull(replace);
        var ledger = RequireOpen();
        if (!ledger.Knows(replace.ClientOrderId ?? "") && !await ForgottenAsync(replace.ClientOrderId ?? "") || await OrderGrain(replace.ClientOrderId!).GetAsync() is not { } current)
            return Refused("UnknownOrder", $"Account '{AccountId}' has no order '{replace.ClientOrderId}'.");
        var now = clock.NowMicros();
        var proposed = current.Request with
        {
            Quantity = replace.Quantity ?? current.Quantity,
            LimitPrice = replace.LimitPrice ?? current.LimitPrice,
            TriggerPrice = replace.TriggerPrice ?? current.TriggerPrice,
            ExpireAt = null, TimeInForce = TradeTimeInForce.Gtc, // the expiry stays as placed; only the new terms are checked
        };
        if (!proposed.TryToRequest(AccountId, out var request, out var error))
            return new OrderOutcome(current, nameof(OrderRefusalReason.PriceOffTick), error);
        var valid = OrderRequestValidator.Validate(request, catalog, now);
        if (!valid.IsOk)
            return new OrderOutcome(current, valid.Reason.ToString(), valid.Message);
        if (!((OrderStatus)current.State).IsWorking())
            return await OrderGrain(replace.ClientOrderId!).ReplaceAsync(replace, null); // the order refuses: it is closed

        var (quote, switches, limits) = await GatherAsync(request.Symbol, now);
        // Risk sees what is left to fill on the new terms; the order is already among the working ones.
        var remaining = request with { Quantity = request.Quantity - current.FilledQuantity };
        var context = Context(ledger, Instrument(request.Symbol), quote, switches, limits, now, ledger.WorkingOrders.Count - 1);
        var decision = RiskEngine.Evaluate(remaining, context);
        if (!decision.IsApproved)
        {
            TellRiskRefusal(decision.Reason.ToString(), decision.Message ?? "Refused by risk.", current.ClientOrderId, current.Symbol);
            return new OrderOutcome(current, decision.Reason.ToString(), decision.Message);
        }
        var outcome = await OrderGrain(replace.ClientOrderId!).ReplaceAsync(replace, quote?.Quote);
        if (outcome.Order is { } view && Absorb(view))
            Tell(view);
        return outcome;
    }

    async Task IAccountGrain.SetKillSwitchAsync(bool engaged, Actor by)
    {
        ArgumentNullException.ThrowIfNull(by);
        var ledger = RequireOpen();
        await AppendAccountEventAsync("kill-switch", new JournalPayload { Engaged = engaged, By = by, Cause = engaged ? "kill switch engaged" : "kill switch released" });
        ledger.KillSwitch = engaged;
        TellKillSwitch(engaged, by);
    }

    async Task IAccountGrain.SetLimitsAsync(AccountLimits limits, Actor by)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(by);
        var ledger = RequireOpen();
        RequireValid(await ReadTenantSettingsAsync(), limits);
        await AppendAccountEventAsync("limits", new JournalPayload { Limits = limits, By = by, Cause = "limits changed" });
        _limits = limits;
        ledger.Limits = limits.ToOverrides();
    }

    /// <summary>
    /// Everything before risk's verdict, shared by placing and previewing: the shape, the ticket, the
    /// conversion, and what risk reads. A refusal here means no order is recorded.
    /// </summary>
    private async Task<(OrderOutcome? Refused, OrderRequest Request, ReceivedQuote? Quote, RiskContext Context)> PreTradeAsync(AccountLedger ledger, PlaceOrder order)
    {
        if (order.PlacedBy is null)
            return (Refused(nameof(OrderRefusalReason.MissingIdentity), "An order must say who placed it."), default!, null, default);
        if (!order.TryToRequest(AccountId, out var request, out var error))
            return (Refused(nameof(OrderRefusalReason.PriceOffTick), error!), default!, null, default);
        var now = clock.NowMicros();
        var valid = OrderRequestValidator.Validate(request, catalog, now);
        if (!valid.IsOk)
            return (Refused(valid.Reason.ToString(), valid.Message!), request, null, default);
        var instrument = Instrument(request.Symbol);
        if (CheckTicket(ledger, request) is { } ticketProblem)
            return (Refused("InvalidPositionTicket", ticketProblem), request, null, default);
        if (!ledger.CanConvert(instrument))
            return (Refused(nameof(RiskReason.NoConversionRate), $"{request.Symbol} would need a third currency pair to book P&L in {ledger.Currency}; not supported yet."), request, null, default);
        var (quote, switches, limits) = await GatherAsync(request.Symbol, now);
        return (null, request, quote, Context(ledger, instrument, quote, switches, limits, now, ledger.WorkingOrders.Count));
    }

    private async Task<(ReceivedQuote? Quote, KillSwitches Switches, RiskLimits Limits)> GatherAsync(string symbol, DateTimeOffset now)
    {
        var quote = GrainFactory.Reference<IInstrumentGrain>(symbol).GetQuoteAsync();
        var inputs = RiskInputsAsync(); // kept here: completes at once unless this activation has not read them yet
        StartReadTimes(quote, inputs);
        // Risk values the whole account (exposure, the day's loss, drawdown): the other open positions at their quotes now,
        // or at their last known marks when a read is slow (an instrument activating after its silo died): one slow
        // instrument must not stall every order of every account that holds it.
        var others = RefreshQuotesAsync(OpenSymbols().Where(s => s != symbol));
        var dayStart = RefreshDayStartAsync(now); // a tick store read for the first order of a day only
        var (platform, tenant, settings) = await inputs;
        var received = await quote;
        await Task.WhenAll(others, dayStart);
        if (received is not null)
            _quotes.Set(symbol, received.Quote.ToTick());
        // The kept values as they are after every wait: a switch engaged meanwhile was told to this account before its
        // setter was answered, so it must stop this order.
        var switches = new KillSwitches(_platformSwitch?.Engaged ?? platform, _tenantSwitch?.Engaged ?? tenant, _ledger!.KillSwitch);
        return (received, switches, RiskLimits.ForTenant(_settings ?? settings).With(_ledger.Limits));
    }

    private RiskContext Context(AccountLedger ledger, Instrument instrument, ReceivedQuote? quote, KillSwitches switches, RiskLimits limits, DateTimeOffset now, int workingOrders)
    {
        new CurrencyConverter(_quotes).TryGetRate(instrument.QuoteCurrency, ledger.Currency, out var rate);
        return new RiskContext
        {
            Limits = limits,
            Instrument = instrument,
            SubmitWindow = ledger.SubmitWindow,
            Account = ledger.RiskState(instrument.Symbol, catalog, _quotes, now, UnrealizedAtDayStart(now)) with { OpenOrders = workingOrders },
            LastQuote = quote is null ? null : quote.Quote.ToTick() with { TimeMs = quote.ReceivedUnixMs }, // staleness by arrival
            Now = now,
            KillSwitches = switches,
            QuoteToAccountRate = rate.Divisor == 0m ? 0m : rate.Value,
        };
    }

    private async Task AppendAccountEventAsync(string kind, JournalPayload payload)
    {
        var entry = new JournalEntry(Tenant, AccountId, AccountId, _sequence + 1, clock.NowMicros(), kind, payload.ToJson());
        await journal.AppendAsync([entry]);
        _sequence = entry.Sequence;
    }

    private static void RequireValid(TenantSettings tenant, AccountLimits limits)
    {
        var errors = RiskLimits.ForTenant(tenant).With(limits.ToOverrides()).Validate();
        if (errors.Count > 0)
            throw new ArgumentException("Invalid account limits: " + string.Join(" ", errors), nameof(limits));
    }

    /// <summary>
    /// A hedging close must name an open position of its symbol on the other side, no larger than it:
    /// refused here, before risk and the venue, rather than filled and then refused by the book.
    /// </summary>
    private static string? CheckTicket(AccountLedger ledger, OrderRequest request)
    {
        if (request.PositionTicket is not { } ticket || ledger.Book.Mode != AccountMode.Hedging)
            return null;
        if (!ledger.Book.TryGetOpen(ticket, out var position))
            return $"No open position {ticket} on account '{ledger.AccountId}'.";
        if (position.Symbol != request.Symbol || position.Side.ClosingSide() != request.Side || request.Quantity > position.Quantity)
            return $"Position {ticket} is {position.Side} {position.Quantity} {position.Symbol}; a {request.Side} of {request.Quantity} {request.Symbol} cannot close it.";
        return null;
    }

    private AccountLedger RequireOpen() =>
        _ledger ?? throw new InvalidOperationException($"Account '{AccountId}' of tenant '{Tenant}' is not open.");

    private Instrument Instrument(string symbol) =>
        catalog.TryGet(symbol, out var instrument) ? instrument : throw new InvalidOperationException($"No instrument '{symbol}'.");

    private IOrderGrain OrderGrain(string clientOrderId) => GrainFactory.Reference<IOrderGrain>(OrderKeys.Order(Tenant, AccountId, clientOrderId));

    private static OrderOutcome Refused(string code, string message) => new(null, code, message);

    private static OrderOutcome CountRefusal(OrderOutcome refused)
    {
        Plan2Metrics.RiskRefusals.Add(1, new KeyValuePair<string, object?>("reason", refused.RefusalCode));
        return refused;
    }
}
