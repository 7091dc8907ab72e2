using Plan2.Core.MarketData;
using Plan2.Core.Trading.Accounts;
using Plan2.Core.Trading.Orders;
using Plan2.Core.Trading.Positions;

namespace Plan2.Core.Tests.Trading;

/// <summary>The account's bounded memory of order ids, and its books' snapshot states round-tripping exactly.</summary>
public class OrderWindowTests
{
    private static readonly DateTimeOffset T0 = TestMarket.T0;

    [Fact]
    public void ManyOrders_KeepOpenOnesAndTheLastClosed_AndForgetTheRestWithTheirTrades()
    {
        var window = new OrderWindow(keepClosed: 3);
        window.Note("resting", 2, T0, closed: false, "v-resting", []);
        var forgotten = new List<ForgottenOrder>();
        for (var i = 0; i < 1_000; i++)
        {
            window.Note($"o{i}", 4, T0.AddSeconds(i + 1), closed: true, $"v{i}", [$"t{i}"]);
            forgotten.AddRange(window.Trim());
        }

        Assert.Equal(4, window.Count); // the open one and the last three closed, after 1,000 orders
        Assert.Equal(4, window.VenueTickets);
        Assert.Equal(997, forgotten.Count);
        Assert.Equal(["t0"], forgotten[0].TradeIds);
        Assert.True(window.Knows("resting"));
        Assert.Equal(["o999", "o998", "o997", "resting"], window.Recent(10));
        Assert.Equal(T0.AddSeconds(997), window.ForgottenUpTo);
        Assert.True(window.IsForgotten("o5", T0.AddSeconds(6))); // booked long ago
        Assert.False(window.IsForgotten("new", T0.AddSeconds(2_000))); // placed after every forgotten one: never seen
        Assert.Null(window.ByVenueOrder("v5"));
        Assert.Equal("o998", window.ByVenueOrder("v998"));
    }

    [Fact]
    public void Window_RoundTripsThroughItsState()
    {
        var window = new OrderWindow(keepClosed: 2);
        for (var i = 0; i < 5; i++)
        {
            window.Note($"o{i}", i + 1, T0.AddSeconds(i), closed: i != 2, $"v{i}", [$"t{i}"]);
            window.Trim();
        }
        var restored = OrderWindow.FromState(window.ToState(), keepClosed: 2);

        Assert.Equal(window.ToState() with { Orders = [], ClosedOrder = [] }, restored.ToState() with { Orders = [], ClosedOrder = [] });
        Assert.Equal(window.Recent(10), restored.Recent(10));
        Assert.True(restored.TryGetSequence("o2", out var seq) && seq == 3);
        restored.Note("o5", 1, T0.AddSeconds(5), closed: true, null, []);
        Assert.Equal("o3", Assert.Single(restored.Trim()).ClientOrderId); // the oldest closed one kept (o0 and o1 went before the snapshot)
        Assert.True(restored.Knows("o2")); // still open
    }

    [Fact]
    public void Ledger_RoundTripsThroughItsState_ToTheSameCashPositionsAndStrategyPnl()
    {
        var ledger = new AccountLedger("acc", AccountMode.Netting, "USD");
        ledger.Deposit(10_000m);
        var eurUsd = TestMarket.EurUsd;
        void Book(string id, OrderSide side, decimal qty, decimal price, string? strategy) =>
            Assert.True(ledger.BookFill(new Fill(id, "o-" + id, "EURUSD", side, qty, Price.FromDecimal(price), T0, 1.25m, StrategyId: strategy, Swap: -0.5m),
                eurUsd, new Tick(T0.ToUnixTimeMilliseconds(), Price.FromDecimal(price), Price.FromDecimal(price))).IsOk);
        Book("t1", OrderSide.Buy, 0.3m, 1.10003m, "trend");
        Book("t2", OrderSide.Sell, 0.3m, 1.10117m, "trend");
        Book("t3", OrderSide.Sell, 0.2m, 1.10051m, "revert");
        ledger.Track("o1", OrderStatus.Filled);
        ledger.Track("o2", OrderStatus.Accepted);

        var restored = AccountLedger.FromState("acc", AccountMode.Netting, "USD", ledger.ToState());

        Assert.Equal(ledger.Cash, restored.Cash);
        Assert.Equal(ledger.Book.NetRealizedPnl, restored.Book.NetRealizedPnl);
        Assert.Equal(ledger.Book.ClosedNetPnlByStrategy, restored.Book.ClosedNetPnlByStrategy);
        Assert.Equal(ledger.Book.Open.Select(p => p.ToState()), restored.Book.Open.Select(p => p.ToState()));
        Assert.Equal((2, true, true), (restored.OrderCount, restored.Knows("o1"), restored.WorkingOrders.Contains("o2")));
        // The trade ids came along: a fill booked before is refused again.
        var again = restored.BookFill(new Fill("t3", "o-t3", "EURUSD", OrderSide.Sell, 0.2m, Price.FromDecimal(1.10051m), T0), eurUsd,
            new Tick(T0.ToUnixTimeMilliseconds(), Price.FromDecimal(1.1m), Price.FromDecimal(1.1m)));
        Assert.Equal(PositionRefusalReason.DuplicateTrade, again.Reason);

        restored.Forget("o1");
        restored.Book.ForgetTrades(["t1", "t2"]);
        Assert.Equal((2, false, 1), (restored.OrderCount, restored.Knows("o1"), restored.Book.TradeIdCount));
        Assert.Throws<InvalidOperationException>(() => restored.Forget("o2")); // still working
    }

    [Fact]
    public void CoveredPosition_StopsAtTheFirstEntryNotSettled()
    {
        var read = new[] { (4L, T0), (5L, T0.AddSeconds(1)), (7L, T0.AddSeconds(40)), (8L, T0.AddSeconds(2)) };
        Assert.Equal(5, AccountSnapshotRules.CoveredPosition(read, T0.AddSeconds(30), previous: 3));
        Assert.Equal(3, AccountSnapshotRules.CoveredPosition([], T0, previous: 3));
    }
}
