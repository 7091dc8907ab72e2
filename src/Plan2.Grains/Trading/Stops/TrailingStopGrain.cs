using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Trading;
using Plan2.Core.MarketData;
using Plan2.Core.Trading.Instruments;
using Plan2.Core.Trading.Orders;
using Plan2.Core.Trading.Positions;
using Plan2.Core.Trading.Stops;
using Plan2.Grains.Trading.Orders;

namespace Plan2.Grains.Trading.Stops;

/// <summary>
/// A thin shell over the Core <see cref="TrailingStop"/>: armed against the instrument's last quote, shown every
/// later tick while armed (subscription renewed by a timer that also keeps the grain active), and on trigger it
/// places the Core exit order through the account, keyed by the stop so a retry never exits twice. Durable: every
/// move of the stop is stored, a new activation puts it back where it stood and listens again, and a reminder
/// wakes it while armed (after its silo went, no tick would reach it). A trigger is stored before the exit is
/// placed; an activation, or the reminder, that finds a trigger without its exit places it (the same order, by its client
/// order id), so a failed first try is retried until it is placed.
/// </summary>
public sealed class TrailingStopGrain(
    [PersistentState("trailing-stop", StorageNames.GrainState)] IPersistentState<TrailingStopState> state,
    InstrumentCatalog catalog, TradingWakeOptions wake) : Grain, ITrailingStopGrain, IRemindable
{
    private const string WakeReminder = "wake";
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(60);
    private TrailingStop? _stop;
    private OrderOutcome? _exit;
    private IGrainTimer? _renewal;

    private string[] Key => this.GetPrimaryKeyString().Split('/');
    private TrailingStopState S => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S is { State: "Armed", Request: { } armed, StopPrice: { } at } && Restore(armed, at) is { } stop)
        {
            _stop = stop;
            await StartListeningAsync();
        }
        else if (S is { State: "Triggered", Request: { } triggered })
            _exit = S.ExitPlaced ? await ExitOutcomeAsync(triggered) : await PlaceExitAsync(triggered);
        else if (S.State is not null)
            await SleepAsync();
    }

    async Task<TrailingStopView> ITrailingStopGrain.ArmAsync(ArmTrailingStop request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Key.Length != 3)
            throw new ArgumentException($"A trailing stop's key is TENANT/ACCOUNT/STOP-ID, not '{this.GetPrimaryKeyString()}'.");
        if (S.State is "Armed" or "Triggered")
            return Refused(request, "AlreadyArmed", $"Trailing stop '{Key[2]}' is {S.State.ToLowerInvariant()}; a new stop needs a new id.");
        if (request.By is null || !Enum.IsDefined(request.PositionSide))
            return Refused(request, nameof(OrderRefusalReason.MissingIdentity), "A trailing stop must say who armed it and the position's side.");
        if (!catalog.TryGet(request.Symbol, out var instrument))
            return Refused(request, nameof(OrderRefusalReason.UnknownSymbol), $"Unknown symbol '{request.Symbol}'.");
        if (!TradingMapping.TryPrice(request.Distance, out var distance) || !TradingMapping.TryPrice(request.Step, out var step))
            return Refused(request, nameof(OrderRefusalReason.PriceOffTick), "Distance and step may have at most 8 decimals.");
        if (await GrainFactory.GetGrain<IInstrumentGrain>(request.Symbol).GetQuoteAsync() is not { } quote)
            return Refused(request, "NoQuote", $"No quote for {request.Symbol} yet to trail from.");
        var side = request.PositionSide == TradeSide.Buy ? PositionSide.Long : PositionSide.Short;
        var reference = Price.FromDecimal(side == PositionSide.Long ? quote.Quote.Bid : quote.Quote.Ask);
        var result = TrailingStop.TryCreate(instrument, side, request.Quantity, reference, distance!.Value, step!.Value, request.PositionTicket, out var stop);
        if (!result.IsOk)
            return Refused(request, result.Reason.ToString(), result.Message);
        _stop = stop;
        (S.State, S.Request, S.StopPrice, S.LastQuoteMs, S.ExitPlaced) = ("Armed", request, stop!.StopPrice.ToDecimal(), quote.Quote.TimeUnixMs, false);
        (S.ExitRefusalCode, S.ExitMessage, _exit) = (null, null, null);
        await state.WriteStateAsync();
        await StartListeningAsync();
        return View()!;
    }

    async Task<TrailingStopView> ITrailingStopGrain.DisarmAsync(Actor by)
    {
        if (S.State != "Armed")
            return View() ?? new TrailingStopView("Disarmed", null, null, RefusalCode: "UnknownStop", Message: $"No trailing stop '{this.GetPrimaryKeyString()}'.");
        _stop = null;
        S.State = "Disarmed";
        await state.WriteStateAsync();
        await StopListeningAsync();
        return View()!;
    }

    Task<TrailingStopView?> ITrailingStopGrain.GetAsync() => Task.FromResult(View());

    async Task ITickObserver.OnTicksAsync(IReadOnlyList<QuoteView> ticks)
    {
        if (_stop is not { } stop || S is not { State: "Armed", Request: { } request })
            return;
        var moved = false;
        foreach (var quote in ticks)
        {
            if (quote.TimeUnixMs < S.LastQuoteMs)
                continue; // a late batch: its prices are past
            S.LastQuoteMs = quote.TimeUnixMs;
            var move = stop.OnQuote(quote.ToTick());
            moved |= move == TrailingStopMove.Ratcheted;
            S.StopPrice = stop.StopPrice.ToDecimal();
            if (move != TrailingStopMove.Triggered)
                continue;
            S.State = "Triggered";
            await state.WriteStateAsync(); // before the exit: a new activation places it if this one cannot
            await StopListeningAsync();
            _exit = await PlaceExitAsync(request);
            return;
        }
        if (moved)
            await state.WriteStateAsync();
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        // Activation restored the stop and subscribed; a long-lived activation renews its subscription here too.
        if (S.State == "Armed")
            await ListenAsync();
        else if (S is { State: "Triggered", ExitPlaced: false, Request: { } request })
            _exit = await PlaceExitAsync(request); // the first try failed (the account unreachable): a stop must not end without its exit
        else
            await SleepAsync();
    }

    /// <summary>Places the exit through the account (risk and journal as any order) and stores that it did.</summary>
    private async Task<OrderOutcome> PlaceExitAsync(ArmTrailingStop request)
    {
        var exit = Restore(request, S.StopPrice!.Value)?.ExitOrder(ExitId, Key[1], request.StrategyId)
            ?? throw new InvalidOperationException($"Trailing stop '{this.GetPrimaryKeyString()}' cannot be restored to place its exit.");
        var outcome = await GrainFactory.GetGrain<IAccountGrain>($"{Key[0]}/{Key[1]}").PlaceOrderAsync(new PlaceOrder(exit.ClientOrderId, exit.Symbol,
            (TradeSide)exit.Side, exit.Quantity, request.By, TradeOrderType.Market, TimeInForce: (TradeTimeInForce)exit.TimeInForce,
            ReduceOnly: true, PositionTicket: exit.PositionTicket, StrategyId: exit.StrategyId));
        (S.ExitPlaced, S.ExitRefusalCode, S.ExitMessage) = (true, outcome.Order is null ? outcome.RefusalCode : null, outcome.Order is null ? outcome.Message : null);
        await state.WriteStateAsync();
        await SleepAsync();
        return outcome;
    }

    /// <summary>The exit an earlier activation placed, as its order grain tells it now.</summary>
    private async Task<OrderOutcome> ExitOutcomeAsync(ArmTrailingStop request)
    {
        var order = await GrainFactory.GetGrain<IOrderGrain>(OrderKeys.Order(Key[0], Key[1], ExitId)).GetAsync();
        return order is not null ? new OrderOutcome(order) : new OrderOutcome(null, S.ExitRefusalCode, S.ExitMessage);
    }

    private string ExitId => "trail-" + Key[2];

    private TrailingStop? Restore(ArmTrailingStop request, decimal stopPrice)
    {
        var side = request.PositionSide == TradeSide.Buy ? PositionSide.Long : PositionSide.Short;
        return catalog.TryGet(request.Symbol, out var instrument)
            && TrailingStop.TryRestore(instrument, side, request.Quantity, Price.FromDecimal(stopPrice), Price.FromDecimal(request.Distance),
                Price.FromDecimal(request.Step), request.PositionTicket, out var stop).IsOk
            ? stop
            : null;
    }

    private TrailingStopView? View() => S.State is null ? null : new TrailingStopView(S.State, S.StopPrice, S.Request, _exit);

    private async Task StartListeningAsync()
    {
        _renewal ??= this.RegisterGrainTimer(_ => ListenAsync(), new GrainTimerCreationOptions(Renewal, Renewal) { KeepAlive = true });
        await this.RegisterOrUpdateReminder(WakeReminder, wake.WakeEvery, wake.WakeEvery);
        await ListenAsync();
    }

    private Task ListenAsync() => GrainFactory.GetGrain<IInstrumentGrain>(S.Request!.Symbol).SubscribeTicksAsync(this.AsReference<ITrailingStopGrain>());

    private async Task StopListeningAsync()
    {
        _renewal?.Dispose();
        _renewal = null;
        await GrainFactory.GetGrain<IInstrumentGrain>(S.Request!.Symbol).UnsubscribeTicksAsync(this.AsReference<ITrailingStopGrain>());
        if (S.State != "Triggered")
            await SleepAsync(); // a trigger sleeps once its exit is placed
    }

    private async Task SleepAsync()
    {
        if (await this.GetReminder(WakeReminder) is { } reminder)
            await this.UnregisterReminder(reminder);
    }

    private static TrailingStopView Refused(ArmTrailingStop request, string code, string? message) => new("Refused", null, request, RefusalCode: code, Message: message);
}
