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
/// places the Core exit order through the account, keyed by the stop so a retry never exits twice. Held in
/// memory: after its silo goes, the stop must be armed again.
/// </summary>
public sealed class TrailingStopGrain(InstrumentCatalog catalog) : Grain, ITrailingStopGrain
{
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(60);
    private TrailingStop? _stop;
    private TrailingStopView? _view;
    private IGrainTimer? _renewal;
    private long _lastQuoteMs = long.MinValue;

    private string[] Key => this.GetPrimaryKeyString().Split('/');

    async Task<TrailingStopView> ITrailingStopGrain.ArmAsync(ArmTrailingStop request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Key.Length != 3)
            throw new ArgumentException($"A trailing stop's key is TENANT/ACCOUNT/STOP-ID, not '{this.GetPrimaryKeyString()}'.");
        if (_view is { State: "Armed" or "Triggered" })
            return Refused(request, "AlreadyArmed", $"Trailing stop '{Key[2]}' is {_view.State.ToLowerInvariant()}; a new stop needs a new id.");
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
        (_stop, _lastQuoteMs) = (stop, quote.Quote.TimeUnixMs);
        _view = new TrailingStopView("Armed", stop!.StopPrice.ToDecimal(), request);
        _renewal = this.RegisterGrainTimer(_ => ListenAsync(), new GrainTimerCreationOptions(Renewal, Renewal) { KeepAlive = true });
        await ListenAsync();
        return _view;
    }

    async Task<TrailingStopView> ITrailingStopGrain.DisarmAsync(Actor by)
    {
        if (_view is not { State: "Armed" } view)
            return _view ?? new TrailingStopView("Disarmed", null, null, RefusalCode: "UnknownStop", Message: $"No trailing stop '{this.GetPrimaryKeyString()}'.");
        await StopListeningAsync();
        _stop = null;
        return _view = view with { State = "Disarmed" };
    }

    Task<TrailingStopView?> ITrailingStopGrain.GetAsync() => Task.FromResult(_view);

    async Task ITickObserver.OnTicksAsync(IReadOnlyList<QuoteView> ticks)
    {
        if (_stop is not { } stop || _view is not { State: "Armed", Request: { } request })
            return;
        foreach (var quote in ticks)
        {
            if (quote.TimeUnixMs < _lastQuoteMs)
                continue; // a late batch: its prices are past
            _lastQuoteMs = quote.TimeUnixMs;
            var move = stop.OnQuote(quote.ToTick());
            _view = _view with { StopPrice = stop.StopPrice.ToDecimal() };
            if (move != TrailingStopMove.Triggered)
                continue;
            await StopListeningAsync();
            var exit = stop.ExitOrder("trail-" + Key[2], Key[1], request.StrategyId);
            var outcome = await GrainFactory.GetGrain<IAccountGrain>($"{Key[0]}/{Key[1]}").PlaceOrderAsync(new PlaceOrder(exit.ClientOrderId, exit.Symbol,
                (TradeSide)exit.Side, exit.Quantity, request.By, TradeOrderType.Market, TimeInForce: (TradeTimeInForce)exit.TimeInForce,
                ReduceOnly: true, PositionTicket: exit.PositionTicket, StrategyId: exit.StrategyId));
            _view = _view with { State = "Triggered", Exit = outcome };
            return;
        }
    }

    private Task ListenAsync() => GrainFactory.GetGrain<IInstrumentGrain>(_view!.Request!.Symbol).SubscribeTicksAsync(this.AsReference<ITrailingStopGrain>());

    private async Task StopListeningAsync()
    {
        _renewal?.Dispose();
        _renewal = null;
        await GrainFactory.GetGrain<IInstrumentGrain>(_view!.Request!.Symbol).UnsubscribeTicksAsync(this.AsReference<ITrailingStopGrain>());
    }

    private static TrailingStopView Refused(ArmTrailingStop request, string code, string? message) => new("Refused", null, request, RefusalCode: code, Message: message);
}
