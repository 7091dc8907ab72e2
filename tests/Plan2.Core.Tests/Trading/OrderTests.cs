using Plan2.Core.Trading.Orders;
using static Plan2.Core.Tests.Trading.OrderBuilder;
using static Plan2.Core.Tests.Trading.TestMarket;

namespace Plan2.Core.Tests.Trading;

public class OrderTests
{
    [Fact]
    public void New_FromRequest_IsInitializedWithItsIdentity()
    {
        var order = New(quantity: 2m);

        Assert.Equal(OrderStatus.Initialized, order.Status);
        Assert.Equal(("O-1", "C-1", "ACC-1", "EURUSD"), (order.OrderId, order.ClientOrderId, order.AccountId, order.Symbol));
        Assert.Equal(2m, order.LeavesQuantity);
        Assert.Null(order.AverageFillPrice);
    }

    [Fact]
    public void Apply_EventForAnotherOrder_IsRefusedAsWrongOrder()
    {
        var order = New();

        var result = order.Apply(new OrderSubmitted("O-2", T0));

        Assert.Equal(OrderRefusalReason.WrongOrder, result.Reason);
        Assert.Equal(OrderStatus.Initialized, order.Status);
    }

    [Fact]
    public void Apply_Denied_IsClosedAndKeepsTheReason()
    {
        var order = New();

        Assert.True(order.Apply(new OrderDenied(Id, T0, "MaxOrderSize")).IsOk);
        var resend = order.Apply(new OrderSubmitted(Id, T0));

        Assert.Equal(OrderStatus.Denied, order.Status);
        Assert.Equal("MaxOrderSize", order.LastReason);
        Assert.Equal(OrderRefusalReason.OrderClosed, resend.Reason);
    }

    [Fact]
    public void Apply_PartialFillsToFilled_TracksLeavesAndAveragePrice()
    {
        var order = Accepted(quantity: 1m);

        Assert.True(order.Apply(Fill("T1", 0.3m, "1.10000", commission: 1.05m)).IsOk);
        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);
        Assert.Equal(0.7m, order.LeavesQuantity);
        Assert.True(order.Apply(Fill("T2", 0.5m, "1.10010", commission: 1.75m)).IsOk);
        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);
        Assert.True(order.Apply(Fill("T3", 0.2m, "1.10020", commission: 0.70m)).IsOk);

        Assert.Equal(OrderStatus.Filled, order.Status);
        Assert.Equal(1m, order.FilledQuantity);
        Assert.Equal(0m, order.LeavesQuantity);
        // (0.3 × 1.10000 + 0.5 × 1.10010 + 0.2 × 1.10020) / 1 = 0.33 + 0.55005 + 0.22004 = 1.10009
        Assert.Equal(1.10009m, order.AverageFillPrice);
        Assert.Equal(3.50m, order.Commission);
        Assert.Equal(["T1", "T2", "T3"], order.TradeIds.Order());
    }

    [Fact]
    public void Apply_SameTradeIdTwice_IsRefusedAndCountedOnce()
    {
        var order = Accepted(quantity: 1m);
        order.Apply(Fill("T1", 0.4m, "1.1"));

        var again = order.Apply(Fill("T1", 0.4m, "1.1"));

        Assert.Equal(OrderRefusalReason.DuplicateTrade, again.Reason);
        Assert.Equal(0.4m, order.FilledQuantity);
        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);
    }

    [Fact]
    public void Apply_ResentLastFillOfFilledOrder_IsDuplicateNotOverfill()
    {
        var order = Accepted(quantity: 1m);
        order.Apply(Fill("T1", 1m, "1.1"));

        Assert.Equal(OrderRefusalReason.DuplicateTrade, order.Apply(Fill("T1", 1m, "1.1")).Reason);
    }

    [Fact]
    public void Apply_FillLargerThanLeaves_IsOverfill()
    {
        var order = Accepted(quantity: 1m);
        order.Apply(Fill("T1", 0.6m, "1.1"));

        var result = order.Apply(Fill("T2", 0.5m, "1.1"));

        Assert.Equal(OrderRefusalReason.Overfill, result.Reason);
        Assert.Equal(0.4m, order.LeavesQuantity);
    }

    [Theory]
    [InlineData(0, "1.1", OrderRefusalReason.NonPositiveQuantity)]
    [InlineData(-1, "1.1", OrderRefusalReason.NonPositiveQuantity)]
    [InlineData(1, "0", OrderRefusalReason.NonPositivePrice)]
    public void Apply_MalformedFill_IsRefused(int quantity, string price, OrderRefusalReason expected) =>
        Assert.Equal(expected, Accepted().Apply(Fill("T1", quantity, price)).Reason);

    [Fact]
    public void Apply_CancelRequestOnFilledOrder_IsRefusedAsClosed()
    {
        var order = Accepted(quantity: 1m);
        order.Apply(Fill("T1", 1m, "1.1"));

        var result = order.Apply(new OrderCancelRequested(Id, T0));

        Assert.Equal(OrderRefusalReason.OrderClosed, result.Reason);
        Assert.Equal($"Order '{Id}' is Filled; it cannot be canceled any more.", result.Message); // in words, not the table's column name
        Assert.Equal(OrderStatus.Filled, order.Status);
    }

    [Fact]
    public void Apply_CancelRejectedAfterPartialFill_ResumesPartiallyFilled()
    {
        var order = Accepted(quantity: 1m);
        order.Apply(new OrderCancelRequested(Id, T0));
        Assert.True(order.Apply(Fill("T1", 0.4m, "1.1")).IsOk);
        Assert.Equal(OrderStatus.PendingCancel, order.Status); // the cancel is still in flight

        Assert.True(order.Apply(new OrderCancelRejected(Id, T0, "too late")).IsOk);

        Assert.Equal(OrderStatus.PartiallyFilled, order.Status);
        Assert.Equal("too late", order.LastReason);
    }

    [Fact]
    public void Apply_CancelConfirmedAfterPartialFill_IsCanceledWithNothingLeft()
    {
        var order = Accepted(quantity: 1m);
        order.Apply(Fill("T1", 0.4m, "1.1"));
        order.Apply(new OrderCancelRequested(Id, T0));

        Assert.True(order.Apply(new OrderCanceled(Id, T0)).IsOk);

        Assert.Equal(OrderStatus.Canceled, order.Status);
        Assert.Equal(0.4m, order.FilledQuantity);
        Assert.Equal(0m, order.LeavesQuantity);
    }

    [Fact]
    public void Apply_UpdateConfirmed_ChangesQuantityAndPriceAndResumes()
    {
        var order = Accepted(quantity: 1m);
        order.Apply(new OrderUpdateRequested(Id, T0, 2m, P("1.09"), null));

        Assert.True(order.Apply(new OrderUpdated(Id, T0, 2m, P("1.09"), null)).IsOk);

        Assert.Equal(OrderStatus.Accepted, order.Status);
        Assert.Equal(2m, order.Quantity);
        Assert.Equal(P("1.09"), order.LimitPrice);
        Assert.Equal(1m, order.Request.Quantity); // the request as placed is kept
    }

    [Fact]
    public void Apply_UpdateRejectedOnTriggeredStop_ResumesTriggered()
    {
        var order = Accepted(type: OrderType.StopLimit);
        order.Apply(new OrderTriggered(Id, T0));
        order.Apply(new OrderUpdateRequested(Id, T0, null, null, P("1.21")));

        Assert.True(order.Apply(new OrderUpdateRejected(Id, T0, "market closed")).IsOk);

        Assert.Equal(OrderStatus.Triggered, order.Status);
        Assert.Equal(P("1.2"), order.TriggerPrice);
    }

    [Fact]
    public void Apply_UpdateToNoMoreThanFilled_IsRefused()
    {
        var order = Accepted(quantity: 1m);
        order.Apply(Fill("T1", 0.5m, "1.1"));

        Assert.Equal(OrderRefusalReason.UpdateBelowFilled, order.Apply(new OrderUpdateRequested(Id, T0, 0.5m, null, null)).Reason);
    }

    [Fact]
    public void Apply_TriggerPriceOnLimitOrder_IsUnexpected() =>
        Assert.Equal(OrderRefusalReason.UnexpectedPrice, Accepted().Apply(new OrderUpdateRequested(Id, T0, null, null, P("1.2"))).Reason);

    [Fact]
    public void Apply_TriggerOnLimitOrder_IsIllegal() =>
        Assert.Equal(OrderRefusalReason.IllegalTransition, Accepted().Apply(new OrderTriggered(Id, T0)).Reason);

    [Fact]
    public void Apply_AcceptBeforeSubmit_IsIllegalAndChangesNothing()
    {
        var order = New();

        var result = order.Apply(new OrderAccepted(Id, T0.AddSeconds(1), "V-9"));

        Assert.Equal(OrderRefusalReason.IllegalTransition, result.Reason);
        Assert.Equal((OrderStatus.Initialized, (string?)null, T0), (order.Status, order.VenueOrderId, order.LastEventAt));
    }

    [Fact]
    public void Check_LegalEvent_DoesNotChangeTheOrder()
    {
        var order = Accepted();

        Assert.True(order.Check(Fill("T1", 1m, "1.1")).IsOk);

        Assert.Equal((OrderStatus.Accepted, 0m), (order.Status, order.FilledQuantity));
        Assert.Empty(order.TradeIds);
    }

    [Fact]
    public void ExpiresAt_DayOrderPlacedBeforeTheClose_IsThatDaysClose()
    {
        var order = new Order(Id, Request(type: OrderType.Limit, limit: P("1.1"), tif: TimeInForce.Day), T0, Plan2.Core.Risk.TradingHours.ForexDays.DayEnd(T0));
        order.Apply(new OrderSubmitted(Id, T0));
        order.Apply(new OrderAccepted(Id, T0, "V-1"));

        Assert.Equal(new DateTimeOffset(2026, 3, 4, 22, 0, 0, TimeSpan.Zero), order.ExpiresAt);
        Assert.False(order.IsDueToExpire(T0.AddHours(11)));
        Assert.True(order.IsDueToExpire(T0.AddHours(12)));
        Assert.True(order.Apply(new OrderExpired(Id, T0.AddHours(12))).IsOk);
        Assert.False(order.IsDueToExpire(T0.AddHours(13))); // expired orders are no longer working
    }

    [Fact]
    public void ExpiresAt_GtdOrder_IsItsOwnExpiry()
    {
        var at = T0.AddDays(3);
        var order = new Order(Id, Request(type: OrderType.Limit, limit: P("1.1"), tif: TimeInForce.Gtd, expireAt: at), T0);

        Assert.Equal(at, order.ExpiresAt);
    }

    [Fact]
    public void ExpiresAt_DayOrderWithoutAGivenEnd_IsTheNextMidnightUtc()
    {
        var order = new Order(Id, Request(type: OrderType.Limit, limit: P("1.1"), tif: TimeInForce.Day), T0);

        Assert.Equal(new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.Zero), order.ExpiresAt);
    }
}
