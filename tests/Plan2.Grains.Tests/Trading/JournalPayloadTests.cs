using System.Text.Json;
using System.Text.Json.Serialization;
using Plan2.Abstractions.Trading;
using Plan2.Grains.Trading.Journal;

namespace Plan2.Grains.Tests.Trading;

/// <summary>Journal payloads are stored text: the writer may change, the text may not (rows written earlier must still read).</summary>
public class JournalPayloadTests
{
    private static readonly JournalPayload Everything = new()
    {
        By = Actor.User("alice"), Cause = "placed", Reason = "MaxOrderSize: too large",
        Request = new PlaceOrder("c-1", "EURUSD", TradeSide.Sell, 1.25m, Actor.Strategy("s1"), TradeOrderType.StopLimit, 1.1001m, 1.1m,
            TradeTimeInForce.Gtd, new DateTimeOffset(2026, 12, 3, 15, 0, 0, TimeSpan.Zero), ReduceOnly: true, PositionTicket: 42, Confidence: 0.7, StrategyId: "s1"),
        VenueOrderId = "paper-1", TradeId = "t-1", Quantity = 0.01m, Price = 1.10010m, Commission = 0.07m, LimitPrice = 1.2m, TriggerPrice = 1.3m,
        Bid = 1.1m, Ask = 1.1001m, QuoteTimeMs = 1_764_000_000_000,
        Open = new OpenAccount("USD", PositionMode.Hedging, 1_000m, Actor.User("bob"), new AccountLimits(MaxOrderLots: 5m, MaxQuoteAge: TimeSpan.FromSeconds(3))),
        Limits = new AccountLimits(MaxOpenOrders: 7), Engaged = true, Venue = "mt5:1@demo", DayEnd = new DateTimeOffset(2026, 12, 3, 22, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public void Text_IsWhatTheReflectionSerializerWithTheJournalsOptionsWrites()
    {
        var journalOptions = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        };

        Assert.Equal(JsonSerializer.Serialize(Everything, journalOptions), Everything.ToJson());
        Assert.Equal("""{"by":{"kind":1,"name":"bench"},"cause":"sent to paper"}""",
            new JournalPayload { By = Actor.User("bench"), Cause = "sent to paper" }.ToJson());
    }

    [Fact]
    public void Text_ReadsBackToTheSamePayload()
    {
        var back = JournalPayload.FromJson(Everything.ToJson());

        Assert.Equal(Everything, back);
    }
}
