using Plan2.Core.Risk;
using Plan2.Core.Trading.Money;
using Plan2.Core.Trading.Orders;
using Plan2.Core.Trading.Positions;
using static Plan2.Core.Tests.Trading.TestMarket;

namespace Plan2.Core.Tests.Trading;

/// <summary>
/// The pieces together, as a grain or the backtester will use them: validate, risk-check, move the
/// order through its table, book its fills, and feed the resulting position back into risk.
/// </summary>
public class TradingFlowTests
{
    private readonly QuoteBoard _quotes = Board(("EURUSD", "1.10000", "1.10020"));
    private readonly PositionBook _book = new("ACC-1", AccountMode.Netting, "USD");
    private readonly SubmitRateWindow _window = new();
    private readonly RiskLimits _limits = RiskLimits.Default with { MaxPositionLots = 3m, MaxOrderLots = 2m };

    private RiskContext Context()
    {
        _quotes.TryGetQuote("EURUSD", out var quote);
        Assert.True(new CurrencyConverter(_quotes).TryGetRate("USD", "USD", out var rate));
        return new RiskContext
        {
            Limits = _limits, Instrument = EurUsd, SubmitWindow = _window, LastQuote = quote, Now = T0, QuoteToAccountRate = rate.Value,
            Account = new AccountRiskState(_book.NetQuantity("EURUSD"), 0, 0m, 0m, 10_000m, 10_000m),
        };
    }

    /// <summary>A market buy through validation and risk; filled at once at <paramref name="fillPrice"/> when approved.</summary>
    private Order Place(string id, decimal lots, string fillPrice)
    {
        var request = new OrderRequest { ClientOrderId = "C-" + id, AccountId = "ACC-1", Symbol = "EURUSD", Side = OrderSide.Buy, Quantity = lots };
        Assert.True(OrderRequestValidator.Validate(request, Catalog(), T0).IsOk);
        var order = new Order(id, request, T0);
        var decision = RiskEngine.EvaluateAndRecord(request, Context());
        if (!decision.IsApproved)
        {
            Assert.True(order.Apply(new OrderDenied(id, T0, decision.Message!)).IsOk);
            return order;
        }
        Assert.True(order.Apply(new OrderSubmitted(id, T0)).IsOk);
        var filled = new OrderFilled(id, T0, "D-" + id, lots, P(fillPrice), 3.5m * lots);
        Assert.True(order.Apply(filled).IsOk);
        Assert.True(_book.Apply(Fill.FromOrder(order, filled), EurUsd, new CurrencyConverter(_quotes)).IsOk);
        return order;
    }

    [Fact]
    public void Flow_FillsMoveThePosition_AndRiskSeesIt()
    {
        Assert.Equal(OrderStatus.Filled, Place("1", 2m, "1.10020").Status);
        Assert.Equal(OrderStatus.Filled, Place("2", 1m, "1.10030").Status);

        // 3 lots long at (2 × 1.10020 + 1 × 1.10030) / 3 = 3.30070 / 3 = 1.10023333…
        var position = Assert.Single(_book.Open);
        Assert.Equal(3m, position.Quantity);
        Assert.Equal(10.5m, position.Commission); // 3.50 per lot
        var denied = Place("3", 0.01m, "1.10030");
        Assert.Equal(OrderStatus.Denied, denied.Status); // 3.01 lots would pass the 3-lot position limit
        Assert.Contains("3.01", denied.LastReason, StringComparison.Ordinal);
        Assert.Equal(2, _window.Recorded); // the denied order did not count towards the submit rate

        _quotes.Set("EURUSD", Quote("1.10123", "1.10143"));
        Assert.True(PositionValuation.TryUnrealizedPnl(_book, Catalog(), _quotes, new CurrencyConverter(_quotes), out var pnl));
        // 3 × 100,000 × (1.10123 − 1.10023333…) = 300,000 × 0.00099666… = 299.00 USD
        Assert.Equal(299.00m, pnl);
    }
}
