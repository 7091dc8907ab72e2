using Plan2.Abstractions.MarketData;
using Plan2.Abstractions.Trading;
using Plan2.Core.MarketData;
using Plan2.Core.Trading.Accounts;
using Plan2.Core.Trading.Instruments;
using Plan2.Core.Trading.Orders;
using Plan2.Core.Trading.Positions;
using Plan2.Grains.Trading.Orders;

namespace Plan2.Grains.Trading.Journal;

/// <summary>
/// Runs the rebuild path once on made-up entries when a silo starts: an order placed, submitted, accepted and filled,
/// read back from its journal entries, and its fill booked on a ledger. The first rebuild in a process paid for
/// compiling that code and for the JSON serializer learning the payload types (the fault trace showed 34 ms for 57
/// entries on a quiet machine, 1.7 s on a loaded one), and a silo's first rebuilds come when another silo died and its
/// accounts move here, while orders wait. Touches no grain and no storage.
/// </summary>
public static class ReplayWarmUp
{
    /// <summary>Returns the rebuilt order's state (Filled when the whole path ran), so a test can tell that it did.</summary>
    public static OrderState? Run(InstrumentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var at = DateTimeOffset.UtcNow;
        var placed = new PlaceOrder("warm-up", "EURUSD", TradeSide.Buy, 0.01m, Actor.User("warm-up"));
        if (!placed.TryToRequest("warm-up", out var request, out _) || !catalog.TryGet("EURUSD", out var instrument))
            return null;
        var quote = new QuoteView("EURUSD", at.ToUnixTimeMilliseconds(), 1.1m, 1.1001m);
        var history = OrderHistory.Place("warm-up", "warm-up", "warm-up.1", placed, request, at);
        history.Record(new OrderSubmitted("warm-up.1", at), placed.PlacedBy, "sent");
        history.Record(new OrderAccepted("warm-up.1", at, "v1"), Actor.Venue, "accepted");
        history.Record(new OrderFilled("warm-up.1", at, "t1", 0.01m, Price.FromDecimal(1.1001m)), Actor.Venue, "filled", quote);
        var view = OrderHistory.Replay(history.Pending.ToList()).ToView();
        var opened = JournalPayload.FromJson(new JournalPayload
        {
            Open = new OpenAccount("USD", PositionMode.Netting, 1m, Actor.User("warm-up"), new AccountLimits()), By = Actor.User("warm-up"), Cause = "opened",
        }.ToJson());
        var ledger = new AccountLedger("warm-up", AccountMode.Netting, opened.Open?.Currency ?? "USD");
        ledger.Track(view.ClientOrderId, (OrderStatus)view.State);
        foreach (var f in view.Fills)
            ledger.BookFill(new Fill(f.TradeId, view.OrderId, view.Symbol, (OrderSide)view.Side, f.Quantity, Price.FromDecimal(f.Price), f.At, f.Commission),
                instrument, f.Quote.ToTick());
        return view.State;
    }
}
